// Another writer in the real app: with Accounts payable open, `flowlane save` in a "terminal"
// adds a version; the process list and the history panel show it without a click, the working
// copy is flagged as started from an older version, and saving it asks first, naming the newer
// version; confirming saves it on top and the flag goes.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flowlane, openApp, openProcess, sampleLibrary, screenshot } from './session.mjs';

const PROCESS = 'Accounts payable';
let app;
let library;

before(async () => {
  library = sampleLibrary();
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

/** The newest version number the history panel lists. */
async function newestListed(browser) {
  return browser.execute(() =>
    Math.max(0, ...[...document.querySelectorAll('#history-panel li[data-version]')].map((li) => Number(li.dataset.version))),
  );
}

test('a version saved by the CLI shows in the list and history, and the draft is flagged', async () => {
  const { browser } = app;
  await openProcess(browser, PROCESS);
  await browser.$('#history-toggle').click();
  await browser.$('#history-panel li[data-version]').waitForExist({ timeout: 10_000, timeoutMsg: 'the history stayed empty' });
  const before = await newestListed(browser);
  assert.ok(before >= 1, `the history lists the saved versions (newest v${before})`);
  assert.equal(await browser.$('#stale-draft').isDisplayed(), false, 'no flag before anything changed');
  const id = await browser.execute(
    (name) => [...document.querySelectorAll('#process-list li[data-process-id]')].find((li) => li.textContent.includes(name))?.dataset.processId,
    PROCESS,
  );

  // Another process writes: the CLI saves a changed copy of the latest version.
  const definition = JSON.parse(flowlane(library, 'export', PROCESS, '--format', 'json'));
  definition.info.owner = 'Finance operations (terminal)';
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'flowlane-other-')), 'payables.json');
  writeFileSync(file, JSON.stringify(definition));
  flowlane(library, 'save', PROCESS, file, '-m', 'Saved from a terminal', '--author', 'Priya Raman');
  const next = before + 1;

  // The app polls the library every 2 s while its window is visible.
  await browser.$(`#history-panel li[data-version="${next}"]`).waitForExist({
    timeout: 15_000,
    timeoutMsg: `the history never showed v${next}`,
  });
  const row = await browser.execute((n) => document.querySelector(`#history-panel li[data-version="${n}"]`).textContent, next);
  assert.match(row, /Saved from a terminal/);
  assert.match(row, /Priya Raman/);
  await browser.waitUntil(
    async () => (await browser.$(`#process-list li[data-process-id="${id}"] .version`).getText()) === `v${next}`,
    { timeout: 10_000, timeoutMsg: `the process list never showed v${next}` },
  );
  const flag = await browser.$('#stale-draft');
  await flag.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the working copy was never flagged' });
  assert.match(await flag.getText(), new RegExp(`^v${next} was saved elsewhere since you started this draft \\(it started from v${before}\\):`));
  assert.equal(await flag.getAttribute('data-latest'), String(next));
  assert.ok(await browser.$('#stale-draft .stale-compare').isDisplayed(), 'Compare is offered');
  assert.ok(await browser.$('#stale-draft .stale-keep').isDisplayed(), 'Keep editing is offered');
  screenshot('other-writer');

  // Saving the stale working copy asks first, naming the newer version; cancelling saves nothing.
  await browser.$('#save-version').click();
  const dialog = await browser.$('#confirm-dialog');
  await dialog.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'saving a stale draft did not ask' });
  const question = await dialog.getText();
  assert.match(question, new RegExp(`v${next} was saved elsewhere`));
  assert.match(question, new RegExp(`Save over v${next}`));
  screenshot('other-writer-save-confirm');
  await browser.$('#confirm-dialog button[data-answer="cancel"]').click();
  await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
  const history = flowlane(library, 'history', PROCESS);
  assert.ok(!new RegExp(`^v${next + 1}\\s`, 'm').test(history), `nothing more was saved:\n${history}`);

  // Confirming saves the working copy on top of the newer version, and the flag goes.
  await browser.$('#save-version').click();
  await dialog.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the second save did not ask' });
  await browser.$('#confirm-dialog button[data-answer="confirm"]').click();
  const message = await browser.$('#form-dialog input[name="text"]');
  await message.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no message was asked for' });
  assert.match(await browser.$('#form-dialog').getText(), new RegExp(`as v${next + 1}`));
  await message.setValue('Kept the app\'s working copy');
  await browser.keys('Enter');
  await flag.waitForDisplayed({ reverse: true, timeout: 10_000, timeoutMsg: 'the flag stayed after the save' });
  assert.match(flowlane(library, 'history', PROCESS), new RegExp(`^v${next + 1}\\s.*Kept the app's working copy`, 'm'));
});
