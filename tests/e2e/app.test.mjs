// The real app on a new library: the samples are listed, and selecting one draws its lanes.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, openProcess, screenshot } from './session.mjs';

let app;
const library = path.join(mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-')), 'library.flowlane');

before(async () => {
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

test('a new library lists the three samples and draws Employee onboarding', async () => {
  const { browser } = app;
  await browser.waitUntil(async () => (await browser.$$('#process-list li[data-process-id]')).length === 3, {
    timeout: 20_000,
    timeoutMsg: 'the process list never showed 3 processes',
  });
  const listed = await browser.execute(() =>
    [...document.querySelectorAll('#process-list li[data-process-id]')].map((li) => ({
      id: li.dataset.processId,
      text: li.textContent,
    })),
  );
  for (const name of ['Accounts payable', 'Contract review', 'Employee onboarding']) {
    assert.ok(listed.some((item) => item.text.includes(name)), `${name} is listed in ${JSON.stringify(listed)}`);
  }

  await openProcess(browser, 'Employee onboarding');
  const diagram = await browser.$('#diagram');
  const lanes = (await diagram.getAttribute('data-lanes')).split('|');
  assert.deepEqual(lanes, ['Onboarding coordination', 'IT provisioning', 'Workspace preparation', 'First-weeks plan']);
  assert.equal(Number(await diagram.getAttribute('data-nodes-total')), 26);
  assert.ok(Number(await diagram.getAttribute('data-nodes-drawn')) > 0, 'some nodes are on screen');
  screenshot('onboarding');
});
