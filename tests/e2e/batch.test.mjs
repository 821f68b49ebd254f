// What-if in the real app: accounts payable v2 beside v1 under the sample's shipped parameters,
// with progress streamed over the Tauri channel; then a long run cancelled part way.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, openProcess, sampleLibrary, screenshot } from './session.mjs';

let app;

before(async () => {
  app = await openApp({ FLOWLANE_LIBRARY: sampleLibrary() });
});

after(async () => {
  await app?.close();
});

const dialogState = (browser) => browser.execute(() => document.querySelector('.batch-dialog')?.dataset.state);

test('a what-if run compares accounts payable v2 with v1 and can be cancelled', async () => {
  const { browser } = app;
  await openProcess(browser, 'Accounts payable');
  await browser.$('#batch-open').click();
  await (await browser.$('#batch-runs')).waitForDisplayed({ timeout: 10_000 });
  await browser.execute(() => {
    document.querySelector('#batch-runs').value = '2000';
    document.querySelector('#batch-compare').value = '1';
  });
  await browser.$('#batch-run').click();
  await browser.waitUntil(async () => (await dialogState(browser)) === 'done', {
    timeout: 60_000,
    timeoutMsg: 'the run never finished',
  });
  const summaries = await browser.execute(() => [...document.querySelectorAll('.batch-summary')].map((s) => s.textContent));
  assert.equal(summaries.length, 2);
  assert.match(summaries[0], /Accounts payable v2/);
  assert.match(summaries[0], /2000 counted of 2000/);
  assert.match(summaries[0], /samples\/simulation\/accounts-payable\.json/);
  assert.match(summaries[1], /Not in v1: role "CFO"/);
  const progress = await browser.execute(() => document.querySelector('#batch-progress').value);
  assert.equal(progress, 1);
  assert.equal(await browser.execute(() => document.querySelector('#batch-results').dataset.charts), 'drawn');
  screenshot('batch-what-if');

  // More than a run takes is refused with the limit, before anything runs.
  await browser.execute(() => {
    document.querySelector('#batch-runs').value = '2000000';
    document.querySelector('#batch-compare').value = '';
  });
  await browser.$('#batch-run').click();
  await browser.waitUntil(async () => (await dialogState(browser)) === 'failed', {
    timeout: 20_000,
    timeoutMsg: 'two million instances were not refused',
  });
  assert.match(await browser.$('#batch-status').getText(), /1000000 at most/);

  // A million instances take far longer than the test waits: cancel once progress shows.
  await browser.execute(() => {
    document.querySelector('#batch-runs').value = '1000000';
  });
  await browser.$('#batch-run').click();
  await browser.waitUntil(async () => browser.execute(() => document.querySelector('#batch-progress').value > 0), {
    timeout: 60_000,
    timeoutMsg: 'no progress arrived over the channel',
  });
  await browser.$('#batch-cancel').click();
  await browser.waitUntil(async () => (await dialogState(browser)) === 'cancelled', {
    timeout: 20_000,
    timeoutMsg: 'the run did not stop when cancelled',
  });
  assert.equal(await browser.$('#batch-status').getText(), 'Cancelled; nothing was kept.');
});
