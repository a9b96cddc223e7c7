// fac-launch.js — the facilitator's round launcher. Owns: the presets ("3 × 8 min practice +
// 3 min feedback, 1 min soft close" and "1 × 15 min"), the custom fields (turns; practice,
// feedback and soft close as minutes + seconds, so 10-second phases are possible), the leftover
// policy, the optional scenario, a plain-language summary, and sending `launch_round`.
import { el, setChildren, formatDuration } from './dom.js';

export const PRESETS = {
  standard: { label: '3 × 8 min practice + 3 min feedback, 1 min soft close', turns: 3, practice_s: 480, feedback_s: 180, soften_s: 60 },
  single: { label: '1 × 15 min', turns: 1, practice_s: 900, feedback_s: 0, soften_s: 60 },
};

// A "minutes + seconds" pair of inputs for one phase length.
function durationField(key, legend, hint) {
  const min = el('input', { id: `${key}-min`, type: 'number', min: 0, max: 120, step: 1, inputmode: 'numeric', 'data-testid': `${key}-min` });
  const sec = el('input', { id: `${key}-sec`, type: 'number', min: 0, max: 59, step: 1, inputmode: 'numeric', 'data-testid': `${key}-sec` });
  const fs = el('fieldset', { class: 'duration' },
    el('legend', null, legend),
    el('div', { class: 'duration-inputs' },
      el('label', { for: `${key}-min`, class: 'inline' }, min, el('span', null, 'min')),
      el('label', { for: `${key}-sec`, class: 'inline' }, sec, el('span', null, 'sec'))),
    hint ? el('p', { class: 'hint' }, hint) : null);
  return {
    node: fs,
    get() {
      const m = Number(min.value || 0);
      const s = Number(sec.value || 0);
      return Math.round(m * 60 + s);
    },
    set(total) { min.value = String(Math.floor(total / 60)); sec.value = String(total % 60); },
    inputs: [min, sec],
  };
}

export function createLauncher(ctx, form) {
  const presetRadios = [];
  const presetBox = el('fieldset', { class: 'presets' }, el('legend', null, 'Format'));
  for (const [key, p] of Object.entries({ ...PRESETS, custom: { label: 'Custom' } })) {
    const input = el('input', { type: 'radio', name: 'preset', id: `preset-${key}`, value: key, 'data-testid': `preset-${key}` });
    input.addEventListener('change', () => { if (input.checked && PRESETS[key]) fill(PRESETS[key]); summarize(); });
    presetRadios.push(input);
    presetBox.append(el('label', { for: `preset-${key}`, class: 'radio-card' }, input, el('span', null, p.label)));
  }

  const turns = el('input', { id: 'turns', type: 'number', min: 1, max: 10, step: 1, inputmode: 'numeric', 'data-testid': 'turns' });
  const practice = durationField('practice', 'Practice (each turn)');
  const feedback = durationField('feedback', 'Feedback (each turn)', '0 for no feedback phase.');
  const soften = durationField('soften', 'Soft close (at the end)', 'Time to soften and finish feedback before the room closes.');
  const policy = el('select', { id: 'policy', 'data-testid': 'policy' },
    el('option', { value: 'fours' }, 'Rooms of four (two observers)'),
    el('option', { value: 'pairs' }, 'A pair (no observer)'));
  const scenario = el('textarea', { id: 'scenario', rows: 3, maxlength: 1000, 'data-testid': 'scenario',
    placeholder: 'e.g. You are a student who keeps missing deadlines and feels like a fraud.' });
  const summary = el('p', { class: 'launch-summary', id: 'launch-summary', 'data-testid': 'launch-summary' });
  const error = el('p', { class: 'form-error', role: 'alert', 'data-testid': 'launch-error' });
  const note = el('p', { class: 'hint', 'data-testid': 'launch-note' });
  const button = el('button', { type: 'submit', class: 'primary big', id: 'launch-button', 'data-testid': 'launch-button' }, 'Launch round');

  setChildren(form,
    presetBox,
    el('div', { class: 'custom-grid' },
      el('div', { class: 'field' }, el('label', { for: 'turns' }, 'Turns'), turns,
        el('p', { class: 'hint' }, 'Roles rotate at each turn; 3 turns lets everyone play each role.')),
      practice.node, feedback.node, soften.node),
    el('div', { class: 'field' }, el('label', { for: 'policy' }, 'When people are left over'), policy,
      el('p', { class: 'hint' }, 'Nobody is ever alone: a single leftover joins a room as an extra observer.')),
    el('div', { class: 'field' }, el('label', { for: 'scenario' }, 'Scenario for the client (optional)'), scenario),
    summary, note, error, button);

  // Editing any number means "custom".
  for (const input of [turns, ...practice.inputs, ...feedback.inputs, ...soften.inputs]) {
    input.addEventListener('input', () => { document.getElementById('preset-custom').checked = true; summarize(); });
  }

  function fill(p) {
    turns.value = String(p.turns);
    practice.set(p.practice_s);
    feedback.set(p.feedback_s);
    soften.set(p.soften_s);
  }

  function values() {
    return { turns: Math.round(Number(turns.value || 0)), practice_s: practice.get(), feedback_s: feedback.get(), soften_s: soften.get() };
  }

  // Returns a sentence about what is wrong, or '' — the server checks again.
  function check(v) {
    if (!(v.turns >= 1 && v.turns <= 10)) return 'Turns must be between 1 and 10.';
    if (!(v.practice_s >= 10 && v.practice_s <= 7200)) return 'Practice must be between 10 seconds and 2 hours.';
    if (!(v.feedback_s === 0 || (v.feedback_s >= 10 && v.feedback_s <= 3600))) return 'Feedback must be 0 (none) or between 10 seconds and 1 hour.';
    if (!(v.soften_s >= 10 && v.soften_s <= 1800)) return 'The soft close must be between 10 seconds and 30 minutes.';
    return '';
  }

  function summarize() {
    const v = values();
    const problem = check(v);
    if (problem) { summary.textContent = problem; return; }
    const each = formatDuration(v.practice_s * 1000) + ' practice' + (v.feedback_s ? ` + ${formatDuration(v.feedback_s * 1000)} feedback` : '');
    const total = v.turns * (v.practice_s + v.feedback_s) + v.soften_s;
    summary.textContent = `${v.turns} ${v.turns === 1 ? 'turn' : 'turns'} of ${each}, then ${formatDuration(v.soften_s * 1000)} of soft close — about ${formatDuration(Math.round(total / 60) * 60000 || total * 1000)} in all.`;
  }

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const v = values();
    const problem = check(v);
    error.textContent = problem;
    if (problem) return;
    const msg = { type: 'launch_round', ...v, policy: policy.value };
    const sc = scenario.value.trim();
    if (sc) msg.scenario = sc;
    button.disabled = true;
    button.textContent = 'Launching…';
    try {
      const reply = await ctx.sock.request(msg);
      const n = reply.rooms;
      ctx.announce(`Round ${reply.round ? reply.round.number : ''} launched${typeof n === 'number' ? ` in ${n} ${n === 1 ? 'room' : 'rooms'}` : ''}.`);
      ctx.setStatus(`Round launched${typeof n === 'number' ? `: ${n} ${n === 1 ? 'room' : 'rooms'}` : ''}.`);
    } catch (err) {
      error.textContent = err.message;
    } finally {
      button.disabled = false;
      button.textContent = 'Launch round';
    }
  });

  document.getElementById('preset-standard').checked = true;
  fill(PRESETS.standard);
  summarize();

  return {
    // While a round runs the button says so (the server refuses a second round anyway).
    setRoundActive(active) {
      form.dataset.roundActive = active ? 'true' : 'false';
      button.textContent = 'Launch round';
      if (active) error.textContent = '';
      document.getElementById('launch-title').textContent = active ? 'Next round' : 'Launch a round';
      note.textContent = active ? 'A round is running: launch the next one once every room has closed.' : '';
    },
  };
}
