// Unit tests of web/js/call/speaking.js: the speaking thresholds (RMS > 0.02 for 150 ms on,
// 800 ms at or below it off) and the RMS of a block of samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpeakingDetector, SPEAKING, rms } from '../../web/js/call/speaking.js';

// Feeds a level every 50 ms from t0 for ms; returns the changes as [time, state].
function run(d, level, t0, ms) {
  const changes = [];
  for (let t = t0; t <= t0 + ms; t += 50) {
    const c = d.feed(level, t);
    if (c !== null) changes.push([t, c]);
  }
  return changes;
}

test('the documented thresholds', () => {
  assert.deepEqual({ ...SPEAKING }, { level: 0.02, onMs: 150, holdMs: 800, intervalMs: 50 });
});

test('rms of silence, a full-scale square wave and a sine', () => {
  assert.equal(rms(new Float32Array(128)), 0);
  assert.equal(rms([]), 0);
  assert.equal(rms(Float32Array.from({ length: 100 }, (_, i) => (i % 2 ? 1 : -1))), 1);
  const sine = Float32Array.from({ length: 4800 }, (_, i) => 0.5 * Math.sin(2 * Math.PI * 440 * i / 48000));
  assert.ok(Math.abs(rms(sine) - 0.5 / Math.SQRT2) < 1e-3);
});

test('speaking after 150 ms above the level, not before', () => {
  const d = new SpeakingDetector();
  assert.deepEqual(run(d, 0.1, 1000, 100), []);
  assert.equal(d.speaking, false);
  assert.equal(d.feed(0.1, 1150), true);
  assert.equal(d.speaking, true);
  assert.equal(d.feed(0.1, 1200), null, 'no repeated change');
});

test('a short sound (a click, a 20 ms beep) is not speaking', () => {
  const d = new SpeakingDetector();
  for (let t = 0; t < 5000; t += 500) {
    assert.equal(d.feed(0.5, t), null);
    assert.equal(d.feed(0, t + 50), null);
    run(d, 0, t + 100, 350);
  }
  assert.equal(d.speaking, false);
});

test('exactly at the level counts as quiet', () => {
  const d = new SpeakingDetector();
  assert.deepEqual(run(d, 0.02, 0, 2000), []);
});

test('the 800 ms hold bridges pauses between words', () => {
  const d = new SpeakingDetector();
  run(d, 0.1, 0, 300);
  assert.equal(d.speaking, true);
  // 700 ms of pause, then speech again: still one speaking stretch.
  assert.deepEqual(run(d, 0.001, 350, 700), []);
  assert.deepEqual(run(d, 0.1, 1100, 300), []);
  assert.equal(d.speaking, true);
  // Then quiet: off exactly 800 ms after the first quiet reading.
  const changes = run(d, 0.001, 1450, 1000);
  assert.deepEqual(changes, [[2250, false]]);
});

test('a dip below the level restarts the 150 ms onset', () => {
  const d = new SpeakingDetector();
  d.feed(0.1, 0); d.feed(0.1, 100); d.feed(0, 120);
  assert.equal(d.feed(0.1, 150), null);
  assert.equal(d.feed(0.1, 250), null);
  assert.equal(d.feed(0.1, 300), true);
});

test('silence() (muted) stops speaking at once', () => {
  const d = new SpeakingDetector();
  run(d, 0.3, 0, 200);
  assert.equal(d.speaking, true);
  assert.equal(d.silence(), false);
  assert.equal(d.speaking, false);
  assert.equal(d.silence(), null);
});

test('custom thresholds', () => {
  const d = new SpeakingDetector({ level: 0.1, onMs: 0, holdMs: 100 });
  assert.equal(d.feed(0.05, 0), null);
  assert.equal(d.feed(0.2, 50), true);
  assert.equal(d.feed(0, 100), null);
  assert.equal(d.feed(0, 200), false);
});
