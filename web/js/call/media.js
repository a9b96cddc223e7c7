// call/media.js — this browser's microphone and camera for the call. Owns: asking for them
// (both, else whichever works, else none: the call still runs, receive-only), what is missing and
// why in words a person can act on, the chosen devices (enumerateDevices; remembered in
// localStorage "softclose.call.devices"), switching devices, turning the camera off (the track
// is stopped so the camera light goes off) and on, and the microphone level loop that feeds the
// speaking detector (an AnalyserNode read every 50 ms).
import { SpeakingDetector, SPEAKING, rms } from './speaking.js';
import { store } from '../dom.js';

const DEVICES_KEY = 'softclose.call.devices';
const VIDEO = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };

function savedDevices() {
  try { return JSON.parse(store.get(DEVICES_KEY) || '{}') || {}; } catch { return {}; }
}

function constraint(kind, deviceId) {
  const base = kind === 'video' ? { ...VIDEO } : { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  if (deviceId) base.deviceId = { exact: deviceId };
  return base;
}

// Words for a getUserMedia failure of one kind ('audio' | 'video').
export function problemText(kind, err) {
  const what = kind === 'audio' ? 'microphone' : 'camera';
  const name = err && err.name;
  if (name === 'insecure') return `Your browser only shares a ${what} on a secure (https://) page. Ask the organiser for the https:// address.`;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return `Your ${what} is blocked for this page. Allow it in the site settings (the icon left of the address), then press “Try again”.`;
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `No ${what} found. Connect one, then press “Try again”.`;
  if (name === 'NotReadableError' || name === 'AbortError') return `Your ${what} is in use by another app, or could not start. Close the other app, then press “Try again”.`;
  return `Your ${what} could not start${err && err.message ? ` (${err.message})` : ''}. Press “Try again”.`;
}

export function createMedia({ onSpeaking = () => {}, onChange = () => {} } = {}) {
  const M = {
    audio: null, video: null, stream: null,
    problems: { audio: null, video: null },   // kind -> sentence, or null
    wantCamera: true,
    devices: savedDevices(),
    detector: new SpeakingDetector(),
    level: 0,
  };
  let audioCtx = null; let analyser = null; let source = null; let levelTimer = null; let buf = null;
  let muted = false;

  async function getStream(kinds, devices = M.devices) {
    const c = {};
    for (const k of kinds) c[k] = constraint(k, devices[k]);
    try {
      return await navigator.mediaDevices.getUserMedia(c);
    } catch (err) {
      // A remembered device that is gone: fall back to the default one.
      if (err && err.name === 'OverconstrainedError' && kinds.some(k => devices[k])) return getStream(kinds, {});
      throw err;
    }
  }

  // Asks for whatever is missing. Never throws: problems says what could not be had.
  async function acquire() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      M.problems = { audio: problemText('audio', { name: 'insecure' }), video: problemText('video', { name: 'insecure' }) };
      onChange();
      return M;
    }
    const kinds = [];
    if (!M.audio) kinds.push('audio');
    if (!M.video && M.wantCamera) kinds.push('video');
    if (!kinds.length) return M;
    try {
      take(await getStream(kinds));
      for (const k of kinds) M.problems[k] = null;
    } catch (err) {
      if (kinds.length === 1) {
        M.problems[kinds[0]] = problemText(kinds[0], err);
      } else {
        // One of the two failed (no camera, or one blocked): try each on its own.
        for (const k of kinds) {
          try { take(await getStream([k])); M.problems[k] = null; } catch (e) { M.problems[k] = problemText(k, e); }
        }
      }
    }
    onChange();
    return M;
  }

  function take(stream) {
    if (!M.stream) M.stream = new MediaStream();
    for (const t of stream.getTracks()) {
      if (t.kind === 'audio') { if (M.audio) M.audio.stop(); M.audio = t; t.enabled = !muted; watchLevel(); }
      if (t.kind === 'video') { if (M.video) M.video.stop(); M.video = t; }
      for (const old of M.stream.getTracks()) if (old.kind === t.kind) M.stream.removeTrack(old);
      M.stream.addTrack(t);
      t.addEventListener('ended', () => {
        // Unplugged or revoked.
        if (M[t.kind] !== t) return;
        M[t.kind] = null;
        M.stream.removeTrack(t);
        M.problems[t.kind] = `Your ${t.kind === 'audio' ? 'microphone' : 'camera'} stopped (unplugged, or blocked). Press “Try again”.`;
        onChange({ kind: t.kind, track: null });
      });
    }
  }

  function watchLevel() {
    stopLevel();
    if (!M.audio || typeof AudioContext === 'undefined') return;
    try {
      audioCtx = audioCtx || new AudioContext();
      if (audioCtx.state === 'suspended') {
        audioCtx.resume().catch(() => {});
        const resume = () => audioCtx && audioCtx.resume().catch(() => {});
        document.addEventListener('pointerdown', resume, { once: true });
        document.addEventListener('keydown', resume, { once: true });
      }
      source = audioCtx.createMediaStreamSource(new MediaStream([M.audio]));
      analyser = audioCtx.createAnalyser();
      analyser.fftSize = 2048;
      buf = new Float32Array(analyser.fftSize);
      source.connect(analyser);
      levelTimer = setInterval(readLevel, SPEAKING.intervalMs);
    } catch { /* no level, no speaking indicator: the call itself is unaffected */ }
  }

  function readLevel() {
    if (!analyser) return;
    analyser.getFloatTimeDomainData(buf);
    M.level = rms(buf);
    const change = muted || !M.audio ? M.detector.silence() : M.detector.feed(M.level, performance.now());
    if (change !== null) onSpeaking(change);
  }

  function stopLevel() {
    clearInterval(levelTimer);
    levelTimer = null;
    try { if (source) source.disconnect(); } catch { /* gone */ }
    source = null; analyser = null;
  }

  return {
    state: M,
    acquire,
    get speaking() { return M.detector.speaking; },
    get muted() { return muted || !M.audio; },
    get cameraOn() { return !!M.video && M.wantCamera; },
    setMuted(on) {
      muted = on;
      if (M.audio) M.audio.enabled = !on;
      if (on) { const c = M.detector.silence(); if (c !== null) onSpeaking(c); }
    },
    // Camera off stops the track (the light goes off); on asks for it again.
    async setCamera(on) {
      M.wantCamera = on;
      if (!on) {
        if (M.video) { M.video.stop(); M.stream.removeTrack(M.video); M.video = null; }
        onChange({ kind: 'video', track: null });
        return null;
      }
      await acquire();
      return M.video;
    },
    async listDevices() {
      if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) return { audio: [], video: [] };
      const all = await navigator.mediaDevices.enumerateDevices();
      const pick = kind => all.filter(d => d.kind === kind && d.deviceId).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind === 'audioinput' ? 'Microphone' : 'Camera'} ${i + 1}` }));
      return { audio: pick('audioinput'), video: pick('videoinput') };
    },
    currentDevice(kind) {
      const t = M[kind];
      return (t && t.getSettings && t.getSettings().deviceId) || M.devices[kind] || '';
    },
    // Switches to another microphone or camera; returns the new track.
    async useDevice(kind, deviceId) {
      M.devices = { ...M.devices, [kind]: deviceId };
      store.set(DEVICES_KEY, JSON.stringify(M.devices));
      if (kind === 'video' && !M.wantCamera) return null;
      const stream = await getStream([kind]);
      take(stream);
      M.problems[kind] = null;
      onChange({ kind, track: M[kind] });
      return M[kind];
    },
    stop() {
      stopLevel();
      for (const k of ['audio', 'video']) { if (M[k]) M[k].stop(); M[k] = null; }
      M.stream = null;
      M.detector.reset();
      if (audioCtx) { audioCtx.close().catch(() => {}); audioCtx = null; }
    },
  };
}
