// Reality mode in the real app: a spreadsheet's CSV log of Accounts payable (columns Ticket, Step,
// Done at, Clerk: none of the usual names) is picked in the native open dialog (answered with
// xdotool under Xvfb), its columns chosen in the picker over the preview rows, imported, and the
// deviations it has (approvals skipped, a call to the vendor the design lacks) are drawn on the
// canvas; a click on the skipped step lists the cases behind it; the mapping editor maps
// "Approve inv." to its step and the fitness rises; the performance tab lists the steps.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flowlane, openApp, openReality, sampleLibrary, screenshot } from './session.mjs';
import { invoiceLogCsv } from './invoiceLog.mjs';
import { answerDialog } from './nativeDialog.mjs';

let app;
let library;
const csv = path.join(mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-reality-')), 'invoices-export.csv');

before(async () => {
  writeFileSync(csv, invoiceLogCsv());
  library = sampleLibrary();
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

async function choose(browser, role, column) {
  await browser.execute(
    (name, value) => {
      const select = document.querySelector(`.reality-column-roles select[name="${name}"]`);
      select.value = value;
      select.dispatchEvent(new Event('change'));
    },
    role,
    column,
  );
}

const text = (browser, selector) => browser.execute((s) => document.querySelector(s)?.textContent ?? '', selector);

test('a CSV log imports through the column picker and its deviations show on the canvas', async () => {
  const { browser } = app;
  // The sample ships with log 1; the spreadsheet's export becomes log 2.
  await openReality(browser, 'Accounts payable');

  await browser.$('#reality-import').click();
  answerDialog('Import event log', csv);
  await browser.$('.reality-columns').waitForDisplayed({ timeout: 20_000 });
  // None of the columns has a usual name: nothing is preselected and Import waits.
  assert.equal(await browser.$('[data-action="import-log"]').isEnabled(), false);
  assert.match(await text(browser, '.reality-preview'), /INV-001.*Register invoice/s);
  await choose(browser, 'case', 'Ticket');
  await choose(browser, 'activity', 'Step');
  await choose(browser, 'timestamp', 'Done at');
  await choose(browser, 'resource', 'Clerk');
  screenshot('reality-columns');
  await browser.$('[data-action="import-log"]').click();

  // The sample's log is shown until the new one's conformance replaces it.
  await browser.waitUntil(async () => (await text(browser, '.reality-figures')).includes('of 40'), {
    timeout: 60_000,
    timeoutMsg: "the imported log's conformance never showed",
  });
  assert.match(await text(browser, '.reality-logs'), /invoices-export\.csv.*40 cases/s);
  assert.match(await text(browser, '.reality-figures'), /30 of 40/);
  assert.match(await text(browser, '.reality-versions'), /v1 fits 0\.\d\d, v2 fits 0\.97/);
  const deviations = await text(browser, '.reality-deviations');
  assert.match(deviations, /Approve invoice skipped · 7× in 7 cases/);
  assert.match(deviations, /Call vendor not in the design · 3× in 3 cases/);
  // On the canvas: flows with their case counts, the skipped step and the extra activity marked.
  const notes = (await browser.$('#diagram').getAttribute('data-notes')).split('|');
  assert.ok(notes.includes('skipped ×7'), notes.join('|'));
  assert.ok(notes.some((n) => n.includes('+ Call vendor ×3')), notes.join('|'));
  assert.ok(notes.filter((n) => n === '40').length >= 5, notes.join('|'));
  // The CLI reads the same stored log the same way.
  assert.match(flowlane(library, 'conformance', 'Accounts payable', '#2'), /30 cases fit \(75\.0 %\)/);
  screenshot('reality-canvas');

  // The skipped step on the canvas: its cases listed in the panel.
  await browser.$('.reality-deviation.skipped').click();
  await browser.waitUntil(async () => (await text(browser, '.reality-details')).includes('INV-004'), {
    timeout: 10_000,
    timeoutMsg: 'the cases behind the skipped approval were not listed',
  });

  // Mapping: "Approve inv." is unmapped, suggested as "Approve invoice"; mapped, two more cases fit.
  await browser.$('[data-tab="mapping"]').click();
  const row = await browser.$('tr[data-activity="Approve inv."] select');
  await row.waitForDisplayed({ timeout: 10_000 });
  assert.match(await text(browser, 'tr[data-activity="Approve inv."]'), /unmapped; like Approve invoice/);
  await browser.execute(() => {
    const select = document.querySelector('tr[data-activity="Approve inv."] select');
    select.value = 'Approve invoice';
    select.dispatchEvent(new Event('change'));
  });
  await browser.$('[data-action="save-mapping"]').click();
  await browser.waitUntil(async () => (await text(browser, 'tr[data-activity="Approve inv."]')).includes('chosen'), {
    timeout: 20_000,
    timeoutMsg: 'the saved mapping never showed',
  });
  await browser.$('[data-tab="conformance"]').click();
  await browser.waitUntil(async () => (await text(browser, '.reality-figures')).includes('32 of 40'), {
    timeout: 30_000,
    timeoutMsg: 'the saved mapping did not change the conformance',
  });

  await browser.$('[data-tab="performance"]').click();
  await browser.waitUntil(async () => (await text(browser, '.reality-steps')).includes('Register invoice'), {
    timeout: 30_000,
    timeoutMsg: 'the performance never showed',
  });
  const steps = await browser.execute(() => [...document.querySelectorAll('.reality-steps tr td:first-child')].map((td) => td.textContent));
  assert.equal(steps[0], 'Register invoice', 'the steps come in flow order');
  assert.match(await text(browser, '.reality-diagnosis'), /\S/);
  screenshot('reality-performance');

  // Esc leaves reality mode: the panel closes.
  await browser.execute(() => document.getElementById('diagram').focus());
  await browser.keys('Escape');
  await browser.$('#reality-panel').waitForDisplayed({ reverse: true, timeout: 10_000 });
});
