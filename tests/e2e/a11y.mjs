// The accessibility gate of the browser tests: axe-core (npm `axe-core`, pinned in package.json)
// run inside the page over what is on screen now. assertAccessible fails on any `serious` or
// `critical` violation of WCAG 2.x A/AA and axe's best practices, naming the rule, the elements
// and what to fix; `moderate` and `minor` findings are returned (and printed with A11Y_VERBOSE=1).
// A11Y_REPORT_ONLY=1 prints every finding and fails nothing (to see all of them in one run).
//
// The pages' Content-Security-Policy allows only scripts from the server ('self'), so a
// <script> tag with axe's source (page.addScriptTag) would be refused — and the refusal would
// be a console error the tests count. axe.min.js is evaluated through the DevTools protocol
// instead (page.evaluate), which the CSP does not govern; the page itself is unchanged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
let axeSource = null;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Known violations in files this gate's authors may not change, reported on every run (printed,
// never silent) until their owners fix them; each names the rule, the elements and the file.
// Remove an entry once fixed: anything else serious or critical fails.
export const KNOWN = [];
const isKnown = (v, n) => KNOWN.some(k => k.id === v.id && k.target.test(n.target));

async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
  assert.ok(await page.evaluate(() => typeof window.axe === 'object'), 'axe-core loaded into the page');
}

// Runs axe over the page (or `include`, a CSS selector); fails on serious/critical violations.
export async function assertAccessible(page, screenName, { include = null, exclude = [] } = {}) {
  await injectAxe(page);
  // Measure the settled screen: let finite animations (a card fading in) end first, else axe
  // reads half-transparent text as low contrast. At most 3 s; endless ones are not waited for.
  await page.evaluate(() => Promise.race([
    Promise.all(document.getAnimations().filter(a => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime))
      .map(a => a.finished.catch(() => {}))),
    new Promise(resolve => setTimeout(resolve, 3000)),
  ]));
  const violations = await page.evaluate(async ({ include: inc, exclude: exc, tags }) => {
    const context = inc ? { include: [inc], exclude: exc.map(s => [s]) } : { exclude: exc.map(s => [s]) };
    const r = await window.axe.run(context.exclude.length || inc ? context : document,
      { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 160), why: n.failureSummary })),
    }));
  }, { include, exclude, tags: TAGS });
  const serious = violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  const bad = serious.map(v => ({ ...v, nodes: v.nodes.filter(n => !isKnown(v, n)) })).filter(v => v.nodes.length);
  const known = serious.flatMap(v => v.nodes.filter(n => isKnown(v, n)).map(n => `${v.id} ${n.target}`));
  if (known.length) console.log(`axe on "${screenName}": known, owned elsewhere (see KNOWN in tests/e2e/a11y.mjs): ${known.join('; ')}`);
  const describe = list => list.map(v => `  [${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.slice(0, 6).map(n => `      ${n.target}  ${n.html}\n        ${(n.why || '').replace(/\n/g, '\n        ')}`).join('\n')).join('\n');
  if ((process.env.A11Y_VERBOSE || process.env.A11Y_REPORT_ONLY) && violations.length) console.log(`axe on "${screenName}":\n${describe(violations)}`);
  if (!process.env.A11Y_REPORT_ONLY) assert.equal(bad.length, 0, `accessibility (axe-core) on "${screenName}": ${bad.length} serious or critical violation(s)\n${describe(bad)}`);
  return violations;
}
