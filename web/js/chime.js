// chime.js — a soft chime synthesised with WebAudio (no audio files) and the mute toggle,
// persisted in localStorage ("softclose.muted"). Browsers only allow sound after a user gesture,
// so the audio context is created/resumed on the first click or key press on the page.
import { store } from './dom.js';

const MUTE_KEY = 'softclose.muted';
let ctx = null;
let muted = store.get(MUTE_KEY) === '1';
const listeners = new Set();

function audio() {
  if (ctx) return ctx;
  const AC = window.AudioContext || window.webkitAudioContext;
  if (!AC) return null;
  try { ctx = new AC(); } catch { ctx = null; }
  return ctx;
}

function unlock() {
  const a = audio();
  if (a && a.state === 'suspended') a.resume().catch(() => {});
}
document.addEventListener('pointerdown', unlock, { capture: true });
document.addEventListener('keydown', unlock, { capture: true });

export function isMuted() { return muted; }

export function setMuted(value) {
  muted = !!value;
  store.set(MUTE_KEY, muted ? '1' : '0');
  for (const fn of listeners) fn(muted);
}

export function onMuteChange(fn) { listeners.add(fn); }

// One bell-like note: a sine with a quieter fifth above it, gentle attack, long decay.
function note(a, freq, start, volume) {
  for (const [mult, gainScale] of [[1, 1], [1.5, 0.35], [2.01, 0.12]]) {
    const osc = a.createOscillator();
    const gain = a.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq * mult;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(volume * gainScale, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.8);
    osc.connect(gain).connect(a.destination);
    osc.start(start);
    osc.stop(start + 1.9);
  }
}

// kind: 'minute' (one note), 'final' (two notes, 10 seconds left), 'phase' (three rising notes),
// 'help' (two falling notes, for the facilitator).
export function chime(kind = 'minute') {
  // Counted on <html data-chimes="n"> (and data-chimes-muted) so tests can tell a chime happened.
  const counter = muted ? 'chimesMuted' : 'chimes';
  const root = document.documentElement;
  root.dataset[counter] = String(Number(root.dataset[counter] || 0) + 1);
  root.dataset.lastChime = kind;
  if (muted) return false;
  const a = audio();
  if (!a) return false;
  if (a.state === 'suspended') a.resume().catch(() => {});
  const t = a.currentTime + 0.02;
  const patterns = {
    minute: [[523.25, 0]],
    final: [[587.33, 0], [587.33, 0.35]],
    phase: [[440, 0], [554.37, 0.25], [659.25, 0.5]],
    help: [[659.25, 0], [523.25, 0.3]],
  };
  for (const [freq, at] of patterns[kind] || patterns.minute) note(a, freq, t + at, 0.12);
  return true;
}

// Wires a <button> as the mute toggle (aria-pressed reflects "muted").
export function bindMuteButton(button) {
  button.removeAttribute('aria-pressed');   // the label itself says the state
  const paint = () => {
    button.dataset.muted = muted ? 'true' : 'false';
    button.textContent = muted ? 'Sound off' : 'Sound on';
    button.title = muted ? 'Chimes are muted — click to turn them on' : 'Chimes are on — click to mute';
  };
  button.addEventListener('click', () => {
    setMuted(!muted);
    if (!muted) chime('minute');
  });
  onMuteChange(paint);
  paint();
}
