// Sync in the real app: Bob's library is linked to a shared repository where Ana pushed a rename
// of the task Bob renamed too. Sync pulls, pushes, and opens the merge panel with the conflict
// side by side; taking theirs saves the merge as a version.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flowlane, openApp, openProcess, screenshot } from './session.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-sync-'));
const shared = path.join(dir, 'shared.git');
const ana = path.join(dir, 'ana.flowlane');
const bob = path.join(dir, 'bob.flowlane');

/** Saves the onboarding process with its first task renamed, as `who`. */
function rename(library, to, who) {
  const file = path.join(dir, `${who}.json`);
  const text = flowlane(library, 'export', 'Employee onboarding', '--format', 'json');
  writeFileSync(file, text.replace('"Collect new-hire documents"', JSON.stringify(to)));
  flowlane(library, 'save', 'Employee onboarding', file, '-m', `Rename to ${to}`, '--author', who);
}

let app;

before(async () => {
  execFileSync('git', ['init', '--quiet', '--bare', shared]);
  flowlane(ana, 'init', '--samples');
  flowlane(ana, 'remote', 'link', shared);
  flowlane(ana, 'push', '--author', 'ana');
  flowlane(bob, 'init');
  flowlane(bob, 'remote', 'link', shared);
  flowlane(bob, 'pull', '--author', 'bob');
  rename(ana, 'Collect documents', 'ana');
  flowlane(ana, 'push', '--author', 'ana');
  rename(bob, 'Gather hiring paperwork', 'bob');
  app = await openApp({ FLOWLANE_LIBRARY: bob, FLOWLANE_AUTHOR: 'bob' });
});

after(async () => {
  await app?.close();
});

test('Sync on a linked library shows the result and the conflict side by side; a pick saves the merge', async () => {
  const { browser } = app;
  await openProcess(browser, 'Employee onboarding');
  await browser.$('#sync-button').click();
  await browser.waitUntil(async () => (await browser.$('#sync-result').getAttribute('data-state')) === 'done', {
    timeout: 30_000,
    timeoutMsg: 'the sync never finished',
  });
  const result = await browser.execute(() => document.getElementById('sync-result').textContent);
  assert.match(result, /“Employee onboarding” needs a merge \(1 conflict\)/);

  await browser.$('#sync-panel .sync-conflict').waitForDisplayed({ timeout: 10_000 });
  const row = await browser.execute(() => {
    const li = document.querySelector('#sync-panel .sync-conflict');
    return {
      title: li.querySelector('.sync-conflict-title').textContent,
      mine: li.querySelector('[data-side="mine"]').textContent,
      theirs: li.querySelector('[data-side="theirs"]').textContent,
    };
  });
  assert.deepEqual(row, {
    title: '1. node “Gather hiring paperwork” · name',
    mine: 'Gather hiring paperwork',
    theirs: 'Collect documents',
  });
  screenshot('sync-conflicts');

  await browser.$('#sync-panel [data-side="theirs"]').click();
  await browser.$('#sync-panel .sync-save').click();
  await browser.waitUntil(async () => !(await browser.$('#sync-panel').isDisplayed()), {
    timeout: 10_000,
    timeoutMsg: 'the merge panel stayed open',
  });
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-version')) === '3', {
    timeout: 10_000,
    timeoutMsg: 'the canvas never showed the merge (v3)',
  });
  const history = flowlane(bob, 'history', 'Employee onboarding');
  assert.match(history, /v3 .* bob +Merge ana's v2 “Rename to Collect documents”/);
  assert.match(flowlane(bob, 'verify'), /ok: every version matches/);
  assert.match(readFileSync(path.join(dir, 'bob.json'), 'utf8'), /Gather hiring paperwork/);
});
