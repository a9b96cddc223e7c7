// call/speaking.js — "is this person speaking?" from their microphone level, as a yes/no (never
// audio). DOM-free: the page feeds it the RMS level of the microphone (from an AnalyserNode,
// see call/media.js) every ~50 ms and sends `call_state {speaking}` when the answer changes.
//
// Thresholds (docs/PROTOCOL.md, "call_state"): speaking once the RMS level stays above 0.02
// (about −34 dBFS) for 150 ms; not speaking once it has stayed at or below that for 800 ms (the
// hold bridges the pauses between words, so a sentence is one "speaking" stretch).

export const SPEAKING = Object.freeze({ level: 0.02, onMs: 150, holdMs: 800, intervalMs: 50 });

// Root mean square of a block of samples in [-1, 1].
export function rms(samples) {
  if (!samples || samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / samples.length);
}

export class SpeakingDetector {
  constructor({ level = SPEAKING.level, onMs = SPEAKING.onMs, holdMs = SPEAKING.holdMs } = {}) {
    this.level = level;
    this.onMs = onMs;
    this.holdMs = holdMs;
    this.reset();
  }

  reset() {
    this.speaking = false;
    this.aboveSince = null;
    this.belowSince = null;
  }

  // One level reading at time nowMs. Returns true/false when the state changes, else null.
  feed(value, nowMs) {
    if (value > this.level) {
      this.belowSince = null;
      if (this.aboveSince === null) this.aboveSince = nowMs;
      if (!this.speaking && nowMs - this.aboveSince >= this.onMs) {
        this.speaking = true;
        return true;
      }
    } else {
      this.aboveSince = null;
      if (this.belowSince === null) this.belowSince = nowMs;
      if (this.speaking && nowMs - this.belowSince >= this.holdMs) {
        this.speaking = false;
        return false;
      }
    }
    return null;
  }

  // Muted or no microphone: not speaking, at once. Returns false if that is a change, else null.
  silence() {
    const was = this.speaking;
    this.reset();
    return was ? false : null;
  }
}
