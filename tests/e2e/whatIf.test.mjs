// What-if on a process a user built, in the real app: "Purchase request" saved without any
// parameters shows what is missing and runs on the defaults; then a probability typed on each way
// out of "Over 5,000?" and generated data for `amount` in the process panel, saved as a version,
// decide the run. A parameter file that misspells a step is refused by the shell with its line.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flowlane, openApp, openProcess, screenshot } from './session.mjs';
import { client, clickAt, fit, keys, state, typeInto, view, waitForState } from './gestures.mjs';

const id = (n) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const RUNS = 2000;

/** Gateway, Auto-approve (right of it) and Manager approval (below it, in the next lane) sit on
 * straight lines from the gateway, so a click between them lands on the flow. */
function purchaseRequest() {
  const lane = (n, name, order) => ({ id: id(n), name, team: '', trigger: '', output: '', order });
  const node = (n, laneN, name, kind) => ({ id: id(n), lane: id(laneN), name, kind });
  const task = (assignee) => ({ type: 'task', assignee });
  const flow = (n, from, to, more = {}) => ({ id: id(n), source: id(from), target: id(to), ...more });
  const box = (x, y, w, h) => ({ x, y, w, h });
  return {
    schema: 3,
    id: id(0),
    info: { name: 'Purchase request', outcome: 'Ordered', category: 'operational', owner: 'Purchasing', variables: [{ name: 'amount', type: 'number' }] },
    lanes: [lane(1, 'Requester', 0), lane(2, 'Manager', 1)],
    nodes: [
      node(10, 1, '', { type: 'start' }),
      node(11, 1, 'Submit request', task('Requester')),
      node(12, 1, 'Over 5,000?', { type: 'gateway', gateway: 'exclusive' }),
      node(13, 2, 'Manager approval', task('Manager')),
      node(14, 1, 'Auto-approve', task('Requester')),
      node(15, 1, 'Place order', task('Requester')),
      node(16, 1, '', { type: 'end', outcome: 'Ordered' }),
    ],
    flows: [
      flow(20, 10, 11),
      flow(21, 11, 12),
      flow(22, 12, 13, { condition: 'amount > 5000' }),
      flow(23, 12, 14, { default: true }),
      flow(24, 13, 15),
      flow(25, 14, 15),
      flow(26, 15, 16),
    ],
    layout: {
      nodes: {
        [id(10)]: box(60, 82, 36, 36),
        [id(11)]: box(150, 70, 140, 60),
        [id(12)]: box(375, 75, 50, 50),
        [id(13)]: box(330, 70, 140, 60),
        [id(14)]: box(560, 70, 140, 60),
        [id(15)]: box(780, 70, 140, 60),
        [id(16)]: box(1000, 82, 36, 36),
      },
      lanes: { [id(1)]: 200, [id(2)]: 200 },
    },
  };
}

let app;
let library;

before(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-'));
  library = path.join(dir, 'library.flowlane');
  const file = path.join(dir, 'purchase-request.json');
  writeFileSync(file, JSON.stringify(purchaseRequest()));
  flowlane(library, 'init');
  flowlane(library, 'save', 'Purchase request', file, '-m', 'Drawn without parameters');
  writeFileSync(path.join(dir, 'misspelt.json'), '{\n  "tasks": {\n    "Place ordr": {"cost_per_hour": 40}\n  }\n}\n');
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

const dialogState = (browser) => browser.execute(() => document.querySelector('.batch-dialog')?.dataset.state);

async function runWhatIf(browser, button) {
  await browser.execute((runs) => {
    document.querySelector('#batch-runs').value = String(runs);
  }, RUNS);
  await browser.$(button).click();
  await browser.waitUntil(async () => ['done', 'failed'].includes(await dialogState(browser)), { timeout: 60_000, timeoutMsg: 'the run never finished' });
  assert.equal(await dialogState(browser), 'done', await browser.$('#batch-status').getText());
  return browser.execute(() => {
    const row = [...document.querySelectorAll('#batch-results table tr')].find((tr) => tr.cells[0]?.textContent === 'Manager approval');
    return { manager: Number(row?.cells[2]?.textContent), parameters: document.querySelector('.batch-summary .batch-parameters')?.textContent ?? '' };
  });
}

async function openWhatIf(browser) {
  await browser.$('#batch-open').click();
  await (await browser.$('#batch-runs')).waitForDisplayed({ timeout: 10_000 });
}

/** Finds a step by name (Ctrl+F) and hands back its box in world coordinates (finding pans). */
async function boxOf(browser, name, node) {
  await keys(browser, ['Control', 'f']);
  const find = await browser.$('#find-box-input');
  await find.setValue(name);
  await browser.waitUntil(async () => (await find.getValue()) === name);
  await browser.keys('Enter');
  await waitForState(browser, (s) => s.selected === node && s.box !== '', `find did not select "${name}"`, 'what-if-failed-find');
  const [x, y, w, h] = (await state(browser)).box.split(',').map(Number);
  const v = await view(browser);
  return { x: (x - v.left - v.x) / v.zoom, y: (y - v.top - v.y) / v.zoom, w: w / v.zoom, h: h / v.zoom };
}

/** Clicks the world point `at` in the current view and waits until `flow` is selected. */
async function clickFlow(browser, at, flow) {
  await clickAt(browser, await client(browser, at));
  await waitForState(browser, (s) => s.selected === flow, `clicking at ${JSON.stringify(at)} did not select the flow`, 'what-if-failed-flow');
}

const note = (browser) => browser.execute(() => [...document.querySelectorAll('#properties-panel .properties-note')].map((p) => p.textContent).join(' | '));

test('what-if runs a built process on defaults, then on the probabilities and data typed into it', async () => {
  const { browser } = app;
  await openProcess(browser, 'Purchase request');

  // 1. Nothing entered yet: the dialog lists the missing data and runs on its default.
  await openWhatIf(browser);
  await browser.$('#batch-gaps').waitForDisplayed({ timeout: 10_000 });
  const gaps = await browser.$('#batch-gaps').getText();
  assert.match(gaps, /Missing to run \(1\)/);
  assert.match(gaps, /variable `amount`: decision "Over 5,000\?" reads it and it has no generated data\. Default: uniform 0 to 10000\./);
  const byDefault = await runWhatIf(browser, '#batch-run-defaults');
  assert.match(byDefault.parameters, /with defaults for 1 missing/);
  assert.ok(Math.abs(byDefault.manager / RUNS - 0.5) < 0.05, `${byDefault.manager} of ${RUNS} to the manager`);
  screenshot('what-if-defaults');

  // The shell refuses a parameter file that names a step the process does not have.
  const refusal = await browser.executeAsync((process, file, done) => {
    window.__TAURI__.core.invoke('batch_gaps', { id: process, version: null, parameters: file }).then(
      () => done('accepted'),
      (error) => done(error.message),
    );
  }, id(0), path.join(path.dirname(library), 'misspelt.json'));
  assert.match(refusal, /misspelt\.json: line 3, column 16: no step is named "Place ordr"; the closest step is "Place order"/);
  await browser.$('#batch-close').click();

  // 2. A probability on each way out of the decision; the panel sums them.
  await fit(browser);
  const gateway = await boxOf(browser, 'Over 5,000?', id(12));
  const manager = await boxOf(browser, 'Manager approval', id(13));
  const auto = await boxOf(browser, 'Auto-approve', id(14));
  await fit(browser);
  const middle = gateway.y + gateway.h / 2;
  // Clicks near the gateway: a flow's problem badge sits in its middle and takes the click.
  await clickFlow(browser, { x: gateway.x + gateway.w / 2, y: gateway.y + gateway.h + 20 }, id(22));
  await typeInto(browser, 'probability', '60');
  assert.match(await note(browser), /⚠ Ways out: 60 % \+ \?\. Give every way out a probability \(1 missing\)\./);
  await clickFlow(browser, { x: gateway.x + gateway.w + (auto.x - gateway.x - gateway.w) * 0.3, y: middle }, id(23));
  await typeInto(browser, 'probability', '40');
  assert.match(await note(browser), /Ways out: 60 % \+ 40 % = 100 %\./);
  screenshot('what-if-probability');

  // 3. Generated data for `amount` in the process panel: one request in four over 5,000.
  await clickAt(browser, await client(browser, { x: auto.x + auto.w / 2, y: manager.y + manager.h / 2 }));
  await browser.waitUntil(async () => (await browser.$('#properties-panel').getAttribute('data-properties-for')) === 'process', { timeout: 10_000, timeoutMsg: 'clicking an empty lane did not show the process' });
  const kind = await browser.$('#properties-panel [data-key="generated-kind-0"]');
  await kind.scrollIntoView();
  await kind.selectByAttribute('value', 'values');
  await typeInto(browser, 'generated-numbers-0', '7000: 1, 100: 3', '100: 3, 7000');
  screenshot('what-if-generated-data');

  // 4. Saved as a version, the run needs no defaults: the data decides, the chances stand by.
  await keys(browser, ['Control', 's']);
  const message = await browser.$('#form-dialog input[name="text"]');
  await message.waitForDisplayed({ timeout: 10_000 });
  await message.setValue('Chances and amounts for what-if');
  await browser.keys('Enter');
  await waitForState(browser, (s) => s.unsaved === 'false', 'the version was not saved', 'what-if-failed-save');
  await openWhatIf(browser);
  await browser.waitUntil(async () => (await browser.$('#batch-gaps').getAttribute('data-checked')) === 'yes', { timeout: 10_000, timeoutMsg: 'the dialog never checked what is missing' });
  assert.equal(await browser.$('#batch-gaps').isDisplayed(), false, 'nothing is missing any more');
  const own = await runWhatIf(browser, '#batch-run');
  assert.match(own.parameters, /the definition's own/);
  assert.ok(Math.abs(own.manager / RUNS - 0.25) < 0.04, `${own.manager} of ${RUNS} to the manager`);
  screenshot('what-if-own-parameters');

  const stored = JSON.parse(flowlane(library, 'export', 'Purchase request', '--format', 'json'));
  assert.deepEqual(stored.info.variables, [{ name: 'amount', type: 'number', generated: { type: 'choice', weights: { 100: 3, 7000: 1 } } }]);
  assert.deepEqual(stored.flows.filter((f) => f.probability !== undefined).map((f) => f.probability), [0.6, 0.4]);
});
