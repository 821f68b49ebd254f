// A lane deletion that would take work along, resolved in the real app: Ann moved "Schedule
// payment" into lane "Audit" while Bob deleted the lane and pushed. Ann's Sync opens the merge
// panel; the conflict names the step; picking Bob's deletion shows the step kept in the lane it
// came from ("Payment run"), and saving keeps it there with its flows.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flowlane, openApp, openProcess, screenshot } from './session.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-lane-delete-'));
const shared = path.join(dir, 'shared.git');
const ann = path.join(dir, 'ann.flowlane');
const bob = path.join(dir, 'bob.flowlane');
const AUDIT = '01a194ee-2f00-7fff-8000-00000000a0d1';

/** The latest "Accounts payable" of `library`, parsed. */
function accountsPayable(library) {
  return JSON.parse(flowlane(library, 'export', 'Accounts payable', '--format', 'json'));
}

/** Saves `change(definition)` of "Accounts payable" as `who`. */
function save(library, who, message, change) {
  const definition = accountsPayable(library);
  change(definition);
  const file = path.join(dir, `${who}.json`);
  writeFileSync(file, JSON.stringify(definition, null, 2));
  flowlane(library, 'save', 'Accounts payable', file, '-m', message, '--author', who);
}

function step(definition, name) {
  return definition.nodes.find((n) => n.name === name);
}

let app;

before(async () => {
  execFileSync('git', ['init', '--quiet', '--bare', shared]);
  flowlane(ann, 'init', '--samples');
  save(ann, 'ann', 'Audit lane', (p) => {
    p.lanes.push({
      id: AUDIT,
      name: 'Audit',
      team: 'Internal audit',
      trigger: 'Payment scheduled',
      output: 'Payment checked',
      order: Math.max(...p.lanes.map((l) => l.order)) + 1,
    });
    p.layout.lanes[AUDIT] = 160;
  });
  flowlane(ann, 'remote', 'link', shared);
  flowlane(ann, 'push', '--author', 'ann');
  flowlane(bob, 'init');
  flowlane(bob, 'remote', 'link', shared);
  flowlane(bob, 'pull', '--author', 'bob');
  save(bob, 'bob', 'No audit lane', (p) => {
    p.lanes = p.lanes.filter((l) => l.id !== AUDIT);
    delete p.layout.lanes[AUDIT];
  });
  flowlane(bob, 'push', '--author', 'bob');
  save(ann, 'ann', 'Audit checks the payment', (p) => {
    step(p, 'Schedule payment').lane = AUDIT;
  });
  app = await openApp({ FLOWLANE_LIBRARY: ann, FLOWLANE_AUTHOR: 'ann' });
});

after(async () => {
  await app?.close();
});

test('Taking the lane deletion in the merge panel keeps the step Ann moved into it, in the lane it came from', async () => {
  const { browser } = app;
  await openProcess(browser, 'Accounts payable');
  const flowsBefore = (() => {
    const p = accountsPayable(ann);
    const id = step(p, 'Schedule payment').id;
    return p.flows.filter((f) => f.source === id || f.target === id).length;
  })();

  await browser.$('#sync-button').click();
  await browser.waitUntil(async () => (await browser.$('#sync-result').getAttribute('data-state')) === 'done', {
    timeout: 30_000,
    timeoutMsg: 'the sync never finished',
  });
  const result = await browser.execute(() => document.getElementById('sync-result').textContent);
  assert.match(result, /“Accounts payable” needs a merge \(1 conflict\)/);

  const row = '#sync-panel .sync-conflict[data-conflict="1"]';
  await browser.$(row).waitForDisplayed({ timeout: 10_000 });
  const shown = await browser.execute((selector) => {
    const li = document.querySelector(selector);
    return {
      title: li.querySelector('.sync-conflict-title').textContent,
      consequence: li.querySelector('.sync-consequence').textContent,
      choiceHidden: li.querySelector('.sync-fate').hidden,
    };
  }, row);
  assert.equal(shown.title, '1. lane “Audit” · deleted on one side, changed on the other');
  assert.match(shown.consequence, /^deleting lane "Audit" would also delete the step "Schedule payment" that ann moved into it/);
  assert.match(shown.consequence, /"Schedule payment" is kept in lane "Payment run" \(the lane it came from\)$/);
  assert.equal(shown.choiceHidden, true, 'what becomes of the step is asked once the deletion is picked');
  assert.equal(await browser.$('#sync-panel .sync-save').isEnabled(), false);

  await browser.$(`${row} [data-side="theirs"]`).click();
  await browser.$(`${row} .sync-fate`).waitForDisplayed({ timeout: 5_000 });
  const choice = await browser.execute((selector) => {
    const li = document.querySelector(selector);
    return {
      keep: li.querySelector('.sync-keep').checked,
      lane: li.querySelector('.sync-keep-lane').value,
      lanes: [...li.querySelectorAll('.sync-keep-lane option')].map((o) => o.textContent),
      step: li.querySelector('.sync-dependent').textContent,
    };
  }, row);
  assert.equal(choice.keep, true, 'keeping is the default');
  assert.equal(choice.lane, '', 'each step goes back to the lane it came from');
  assert.equal(choice.lanes[0], 'the lane each came from');
  assert.ok(!choice.lanes.includes('Audit'), `the deleted lane is not offered: ${choice.lanes}`);
  assert.equal(choice.step, 'step “Schedule payment” (moved into it) → kept in Payment run (the lane it came from)');
  screenshot('sync-lane-delete');

  await browser.$('#sync-panel .sync-save').click();
  await browser.waitUntil(async () => !(await browser.$('#sync-panel').isDisplayed()), {
    timeout: 10_000,
    timeoutMsg: 'the merge panel stayed open',
  });
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-version')) === '5', {
    timeout: 10_000,
    timeoutMsg: 'the canvas never showed the merge (v5)',
  });

  const merged = accountsPayable(ann);
  assert.ok(!merged.lanes.some((l) => l.name === 'Audit'), 'the lane is deleted');
  const kept = step(merged, 'Schedule payment');
  assert.ok(kept, 'the step Ann moved is kept');
  assert.equal(merged.lanes.find((l) => l.id === kept.lane).name, 'Payment run');
  assert.equal(merged.flows.filter((f) => f.source === kept.id || f.target === kept.id).length, flowsBefore, 'with its flows');
  assert.match(flowlane(ann, 'history', 'Accounts payable'), /v5 .* ann +Merge bob's v4 “No audit lane”/);
  assert.match(flowlane(ann, 'verify'), /ok: every version matches/);
});
