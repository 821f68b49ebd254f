// Validation in the real app: a version with design problems lists them in the problems panel,
// grouped by severity, and clicking one selects the element on the canvas.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { flowlane, openApp, openProcess, sampleLibrary, screenshot } from './session.mjs';

let app;

/** Contract review with a task nobody owns and a decision that can end nowhere. */
function breakContractReview(library) {
  const process = JSON.parse(flowlane(library, 'export', 'Contract review', '--format', 'json'));
  const legal = process.nodes.find((n) => n.name === 'Review terms');
  legal.kind.assignee = '';
  const verdict = process.nodes.find((n) => n.name === 'Terms acceptable?');
  for (const flow of process.flows.filter((f) => f.source === verdict.id)) delete flow.default;
  const file = path.join(path.dirname(library), 'broken.json');
  writeFileSync(file, JSON.stringify(process, null, 2));
  flowlane(library, 'save', 'Contract review', file, '-m', 'Draft routing without defaults');
}

before(async () => {
  const library = sampleLibrary();
  breakContractReview(library);
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

test('the problems panel lists a broken version and selects what a problem is about', async () => {
  const { browser } = app;
  await openProcess(browser, 'Contract review');
  await browser.$('#problems-toggle').click();
  await browser.waitUntil(async () => (await browser.$$('#problems-panel [data-problem-code]')).length > 0, {
    timeout: 10_000,
    timeoutMsg: 'the problems panel stayed empty',
  });
  const codes = await browser.execute(() =>
    [...document.querySelectorAll('#problems-panel [data-problem-code]')].map((row) => row.dataset.problemCode),
  );
  assert.ok(codes.includes('task-without-assignee'), `codes: ${codes}`);
  assert.ok(codes.includes('condition-missing'), `codes: ${codes}`);
  await browser.$('#problems-panel [data-problem-code="task-without-assignee"]').click();
  const diagram = await browser.$('#diagram');
  await browser.waitUntil(async () => Boolean(await diagram.getAttribute('data-selected')), {
    timeout: 10_000,
    timeoutMsg: 'clicking the problem selected nothing',
  });
  screenshot('problems-panel');
});
