// Versions and diff in the real app: compare accounts payable v1 with v2, where v2 added the CFO
// approval tier; the canvas overlay and the change list both show it.

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

test('comparing accounts payable v1 and v2 shows the CFO tier as added', async () => {
  const { browser } = app;
  await openProcess(browser, 'Accounts payable');
  await browser.$('#history-toggle').click();
  await browser.waitUntil(async () => (await browser.$$('#history-panel li[data-version]')).length === 2, {
    timeout: 10_000,
    timeoutMsg: 'the history never listed 2 versions',
  });
  await browser.$('#history-panel li[data-version="2"]').click();
  await browser.$('#history-panel .compare-previous').click();

  const diagram = await browser.$('#diagram');
  await browser.waitUntil(async () => (await diagram.getAttribute('data-mode')) === 'compare', {
    timeout: 10_000,
    timeoutMsg: 'compare mode never started',
  });
  await browser.waitUntil(async () => Number(await diagram.getAttribute('data-decorated')) > 0, {
    timeout: 10_000,
    timeoutMsg: 'compare mode coloured no element',
  });
  await browser.waitUntil(async () => (await browser.$$('#change-list [data-change-status]')).length > 0, {
    timeout: 10_000,
    timeoutMsg: 'the change list stayed empty',
  });
  const changes = await browser.execute(() =>
    [...document.querySelectorAll('#change-list [data-change-status]')].map((row) => ({
      status: row.dataset.changeStatus,
      text: row.textContent,
    })),
  );
  const added = changes.filter((c) => c.status === 'added').map((c) => c.text);
  for (const name of ['CFO approval', 'Executive approval', 'Over 10,000?']) {
    assert.ok(added.some((text) => text.includes(name)), `${name} is listed as added: ${JSON.stringify(added)}`);
  }
  assert.ok(
    changes.some((c) => c.status === 'changed' && c.text.includes('Approved?')),
    'the re-targeted "approved" flow is listed as changed',
  );
  screenshot('compare-ap-v1-v2');
});
