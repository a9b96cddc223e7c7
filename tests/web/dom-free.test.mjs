// The DOM-free modules of web/js/ import only each other and never touch the page: they load in
// node (no document, window or localStorage) and their source does not name them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const WEB_JS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'js');
export const DOM_FREE = [
  'constants.js', 'draft-keys.js', 'format.js', 'hint-ranges.js',
  'fu-messages.js', 'fu-delivery.js', 'fu-rooms.js', 'fu-threads.js',
  'fb-targets.js', 'fb-lists.js', 'fb-observer.js', 'phase-ahead.js',
];

const importsOf = file => [...readFileSync(path.join(WEB_JS, file), 'utf8')
  .matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'\.\/([^']+)'/gm)].map(m => m[1]);

for (const file of DOM_FREE) {
  test(`${file} imports only DOM-free modules`, () => {
    for (const dep of importsOf(file)) assert.ok(DOM_FREE.includes(dep), `${file} imports ${dep}`);
  });

  test(`${file} does not name the page`, () => {
    const code = readFileSync(path.join(WEB_JS, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const word of ['document', 'window', 'localStorage', 'navigator', 'location', 'HTMLElement']) {
      assert.ok(!new RegExp(`\\b${word}\\b`).test(code), `${file} uses ${word}`);
    }
  });

  test(`${file} loads without a DOM`, async () => {
    assert.equal(typeof globalThis.document, 'undefined');
    const mod = await import(path.join(WEB_JS, file));
    assert.ok(Object.keys(mod).length > 0);
  });
}
