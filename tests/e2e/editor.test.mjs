// The editor in the real app, driven with WebDriver pointer and key actions only: build the
// invoice approval workflow from scratch and save it as a version; undo and redo a drag and a
// lane reorder; kill the app mid-edit and find the draft after a restart.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { APP, CLI, flowlane, openApp, openProcess, screenshot } from './session.mjs';
import { clickAt, client, drag, fit, keys, padButton, state, typeInto, view, waitForState } from './gestures.mjs';

const library = path.join(mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-')), 'library.flowlane');
let app;

before(async () => {
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

/** A drag with Shift held throughout: key and pointer as two input sources of one action list. */
async function shiftDrag(browser, from, to) {
  const steps = 8;
  let pointer = browser.action('pointer', { parameters: { pointerType: 'mouse' } }).pause(10).move({ x: from.x, y: from.y, origin: 'viewport' }).down({ button: 0 });
  let key = browser.action('key').down('\uE008').pause(10).pause(10);
  for (let i = 1; i <= steps; i++) {
    pointer = pointer.move({ x: Math.round(from.x + ((to.x - from.x) * i) / steps), y: Math.round(from.y + ((to.y - from.y) * i) / steps), origin: 'viewport', duration: 20 });
    key = key.pause(20);
  }
  pointer = pointer.up({ button: 0 });
  key = key.pause(10).up('\uE008');
  await browser.actions([key, pointer]);
}

async function waitFor(browser, predicate, message) {
  await waitForState(browser, predicate, message, 'editor-failed');
}

/** Types into a properties field and commits it with Enter; waits until the core applied it. */
async function setField(browser, key, value) {
  try {
    await typeInto(browser, key, value);
  } catch (error) {
    screenshot(`editor-failed-${key}`);
    throw error;
  }
}

async function selectField(browser, key, value) {
  const select = await browser.$(`#properties-panel [data-key="${key}"]`);
  await select.selectByAttribute('value', value);
}

/** Where each element was (world coordinates) when it was last selected; the canvas reports its box. */
const centres = new Map();

async function selectedId(browser) {
  const { selected, box } = await state(browser);
  const [x, y, w, h] = box.split(',').map(Number);
  const v = await view(browser);
  centres.set(selected, { x: (x + w / 2 - v.left - v.x) / v.zoom, y: (y + h / 2 - v.top - v.y) / v.zoom });
  return selected;
}

/** Client point of element `id`'s centre in the current view. */
async function centreOf(browser, id) {
  const world = centres.get(id);
  assert.ok(world, `element ${id} was seen selected before`);
  return client(browser, world);
}

async function clickElement(browser, id, opts) {
  await clickAt(browser, await centreOf(browser, id), opts);
  await waitFor(browser, (s) => s.selected.split(' ').includes(id), `clicking ${id} did not select it`);
}

test('build the invoice approval workflow from scratch and save it as a version', async () => {
  const { browser } = app;
  await browser.$('#new-process').waitForClickable({ timeout: 20_000 });
  await browser.$('#new-process').click();
  const name = await browser.$('#form-dialog input[name="text"]');
  await name.waitForDisplayed();
  await name.setValue('Invoice approval');
  await browser.keys('Enter');
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-process-name')) === 'Invoice approval', { timeout: 15_000 });

  // Process properties: nothing selected, so the Properties button opens the panel.
  await browser.$('#properties-toggle').click();
  await setField(browser, 'outcome', 'Approved invoices are paid on time');
  await setField(browser, 'owner', 'Head of finance');
  await browser.$('#properties-panel [data-action="add-variable"]').click();
  await setField(browser, 'variable-name-0', 'approved');
  await selectField(browser, 'variable-type-0', 'boolean');
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('#properties-panel [data-key="variable-type-0"]').value)) === 'boolean');

  // The first lane: rename it through its header.
  const lane1 = await browser.execute(() => document.getElementById('diagram').dataset.lanes);
  assert.equal(lane1, 'Workflow 1');
  await clickAt(browser, await client(browser, { x: 100, y: 20 }));
  await waitFor(browser, (s) => s.selected !== '', 'clicking the lane header selected nothing');
  await setField(browser, 'name', 'Accounts payable');
  await setField(browser, 'team', 'AP clerks');
  await setField(browser, 'trigger', 'Invoice received');
  await setField(browser, 'output', 'Invoice paid');

  // The second lane from the palette.
  await browser.$('[data-palette="lane"]').click();
  await waitFor(browser, (s) => s.lanes === 'Accounts payable|Workflow 2', 'the palette added no lane');
  await setField(browser, 'name', 'Approvers');
  await setField(browser, 'team', 'Budget owners');
  await setField(browser, 'trigger', 'Approval requested');
  await setField(browser, 'output', 'Decision');

  // Start → Check invoice, appended from the context pad.
  await clickAt(browser, await client(browser, { x: 275, y: 80 }));
  await waitFor(browser, (s) => s.selected !== '', 'the start event was not selected');
  const start = await selectedId(browser);
  await setField(browser, 'name', 'Invoice received');
  await padButton(browser, 'append-task');
  await waitFor(browser, (s) => s.nodes === 2 && s.selected !== start, 'append task added nothing');
  const check = await selectedId(browser);
  await setField(browser, 'name', 'Check invoice');
  await setField(browser, 'assignee', 'AP clerk');

  // Approve invoice: a task placed from the palette in the Approvers lane, connected from Check invoice.
  await browser.$('[data-palette="task"]').click();
  await clickAt(browser, await client(browser, { x: 560, y: 240 }));
  await waitFor(browser, (s) => s.nodes === 3, 'the palette placed no task');
  const approve = await selectedId(browser);
  await setField(browser, 'name', 'Approve invoice');
  await setField(browser, 'assignee', 'Budget owner');
  await browser.$('#properties-panel input[name="outputs"][value="approved"]').click();
  await clickElement(browser, check);
  await padButton(browser, 'connect');
  await clickAt(browser, await centreOf(browser, approve));
  await waitFor(browser, (s) => s.flows === 2, 'connect added no flow');

  // Approved? gateway, then Pay invoice and the end in the first lane.
  await clickElement(browser, approve);
  await padButton(browser, 'append-gateway');
  await waitFor(browser, (s) => s.nodes === 4, 'append gateway added nothing');
  const gateway = await selectedId(browser);
  await setField(browser, 'name', 'Approved?');
  // The diagram has grown past the right edge of the view: fit it before placing right of it.
  await fit(browser);
  await browser.$('[data-palette="task"]').click();
  await clickAt(browser, await client(browser, { x: 800, y: 80 }));
  await waitFor(browser, (s) => s.nodes === 5, 'the palette placed no second task');
  const pay = await selectedId(browser);
  await setField(browser, 'name', 'Pay invoice');
  await setField(browser, 'assignee', 'AP clerk');
  await padButton(browser, 'append-end');
  await waitFor(browser, (s) => s.nodes === 6, 'append end added nothing');
  await setField(browser, 'name', 'Invoice paid');
  await setField(browser, 'outcome', 'paid');

  // Gateway → Pay invoice with a condition; gateway → Check invoice as the default (the loop back).
  await clickElement(browser, gateway);
  await padButton(browser, 'connect');
  await clickAt(browser, await centreOf(browser, pay));
  await waitFor(browser, (s) => s.flows === 5, 'connecting the gateway to Pay invoice added no flow');
  await setField(browser, 'label', 'approved');
  // A condition that does not parse is refused in place; the fixed one is applied.
  const condition = await browser.$('#properties-panel [data-key="condition"]');
  await condition.setValue('approved ==');
  await browser.keys('Enter');
  await browser.$('#properties-panel [data-field="condition"] .field-error:not([hidden])').waitForDisplayed({ timeout: 10_000 });
  screenshot('editor-condition-error');
  await setField(browser, 'condition', 'approved == true');

  // Fit to screen so the loop's target is in view again.
  await fit(browser);
  await clickElement(browser, gateway);
  await padButton(browser, 'connect');
  await clickAt(browser, await centreOf(browser, check));
  await waitFor(browser, (s) => s.flows === 6, 'the loop back was not added');
  await setField(browser, 'label', 'rejected');
  // A plain way out after the decision's conditioned one: it is the default without a click.
  await browser.waitUntil(async () => browser.execute(() => document.querySelector('#properties-panel [data-key="default"]').checked), { timeout: 10_000, timeoutMsg: 'the loop back is not the default' });

  await clickElement(browser, approve);
  screenshot('editor-context-pad');

  // Save version (Ctrl+S) asks for a message.
  await keys(browser, ['Control', 's']);
  const message = await browser.$('#form-dialog input[name="text"]');
  await message.waitForDisplayed({ timeout: 10_000 });
  await message.setValue('First design of invoice approval');
  screenshot('editor-save-version');
  await browser.keys('Enter');
  await waitFor(browser, (s) => s.unsaved === 'false', 'the version was not saved');

  const listed = JSON.parse(flowlane(library, 'list', '--format', 'json'));
  const id = listed.find((p) => p.name === 'Invoice approval').id;
  const stored = JSON.parse(flowlane(library, 'export', id, '--format', 'json'));
  assert.deepEqual(normalise(stored), EXPECTED);
  // No validation errors (exit code 2); warnings (1) are allowed.
  const validation = spawnSync(CLI, ['--library', library, 'validate', id], { encoding: 'utf8' });
  assert.notEqual(validation.status, 2, validation.stdout);
});

/** The definition without ids and coordinates: names, kinds, lanes by name, flows by names. */
function normalise(process) {
  const lane = new Map(process.lanes.map((l) => [l.id, l.name]));
  const node = new Map(process.nodes.map((n) => [n.id, n.name]));
  const sortBy = (key) => (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    info: process.info,
    lanes: [...process.lanes].sort((a, b) => a.order - b.order).map(({ name, team, trigger, output }) => ({ name, team, trigger, output })),
    nodes: process.nodes.map((n) => ({ name: n.name, lane: lane.get(n.lane), kind: n.kind })).sort(sortBy((n) => n.name)),
    flows: process.flows
      .map((f) => ({ from: node.get(f.source), to: node.get(f.target), label: f.label ?? '', condition: f.condition ?? null, default: f.default ?? false }))
      .sort(sortBy((f) => `${f.from}→${f.to}`)),
  };
}

const EXPECTED = {
  info: {
    name: 'Invoice approval',
    outcome: 'Approved invoices are paid on time',
    category: 'operational',
    owner: 'Head of finance',
    variables: [{ name: 'approved', type: 'boolean' }],
  },
  lanes: [
    { name: 'Accounts payable', team: 'AP clerks', trigger: 'Invoice received', output: 'Invoice paid' },
    { name: 'Approvers', team: 'Budget owners', trigger: 'Approval requested', output: 'Decision' },
  ],
  nodes: [
    { name: 'Approve invoice', lane: 'Approvers', kind: { type: 'task', assignee: 'Budget owner', outputs: ['approved'] } },
    { name: 'Approved?', lane: 'Approvers', kind: { type: 'gateway', gateway: 'exclusive' } },
    { name: 'Check invoice', lane: 'Accounts payable', kind: { type: 'task', assignee: 'AP clerk' } },
    { name: 'Invoice paid', lane: 'Accounts payable', kind: { type: 'end', outcome: 'paid' } },
    { name: 'Invoice received', lane: 'Accounts payable', kind: { type: 'start' } },
    { name: 'Pay invoice', lane: 'Accounts payable', kind: { type: 'task', assignee: 'AP clerk' } },
  ],
  flows: [
    { from: 'Approve invoice', to: 'Approved?', label: '', condition: null, default: false },
    { from: 'Approved?', to: 'Check invoice', label: 'rejected', condition: null, default: true },
    { from: 'Approved?', to: 'Pay invoice', label: 'approved', condition: 'approved == true', default: false },
    { from: 'Check invoice', to: 'Approve invoice', label: '', condition: null, default: false },
    { from: 'Invoice received', to: 'Check invoice', label: '', condition: null, default: false },
    { from: 'Pay invoice', to: 'Invoice paid', label: '', condition: null, default: false },
  ],
};

test('undo and redo a drag and a lane reorder, one step each', async () => {
  const { browser } = app;
  await openProcess(browser, 'Employee onboarding');
  await fit(browser);
  const lanesBefore = (await state(browser)).lanes;

  // Select a task through find (Ctrl+F), then drag it right.
  await keys(browser, ['Control', 'f']);
  await browser.$('#find-box-input').setValue('Prepare laptop');
  await browser.keys('Enter');
  await waitFor(browser, (s) => s.selected !== '', 'find selected nothing');
  const task = await selectedId(browser);
  const before = (await state(browser)).box;
  const from = await centreOf(browser, task);
  await drag(browser, from, { x: from.x + 120, y: from.y });
  await waitFor(browser, (s) => s.box !== before && s.selected === task, 'the drag moved nothing');
  const moved = (await state(browser)).box;
  screenshot('editor-drag');
  await keys(browser, ['Control', 'z']);
  await waitFor(browser, (s) => s.box === before, 'undo did not put the step back in one step');
  await keys(browser, ['Control', 'Shift', 'z']);
  await waitFor(browser, (s) => s.box === moved, 'redo did not move it again');
  await keys(browser, ['Control', 'z']);
  await waitFor(browser, (s) => s.box === before, 'the second undo did not put it back');

  // Drag the first lane's header below the second lane.
  const lanes = lanesBefore.split('|');
  // A lane header sticks to the canvas's left edge as a narrow strip when the view is scrolled
  // past it: pressed just inside its left edge, wherever it is drawn.
  const v = await view(browser);
  const header = { x: Math.round(Math.max(v.left, v.left + v.x) + 10), y: Math.round(v.top + v.y + 40 * v.zoom) };
  // Past the middle of the second lane (200 + 260 high in the sample).
  await drag(browser, header, { x: header.x, y: Math.round(v.top + v.y + 420 * v.zoom) });
  const swapped = [lanes[1], lanes[0], ...lanes.slice(2)].join('|');
  await waitFor(browser, (s) => s.lanes === swapped, 'dragging the lane header did not reorder the lanes');
  screenshot('editor-lane-reordered');
  await keys(browser, ['Control', 'z']);
  await waitFor(browser, (s) => s.lanes === lanesBefore, 'undo did not restore the lane order');
  await keys(browser, ['Control', 'y']);
  await waitFor(browser, (s) => s.lanes === swapped, 'redo did not reorder again');
  await keys(browser, ['Control', 'z']);
  await waitFor(browser, (s) => s.lanes === lanesBefore, 'the lane order was not restored');
  // Everything undone: the working copy is the saved version again, so nothing is unsaved.
  await waitFor(browser, (s) => s.unsaved === 'false' && !s.title.startsWith('●'), 'undoing every change still counts as unsaved');
});

test('killing the app mid-edit loses nothing: the draft reopens after a restart, and says so', async () => {
  let { browser } = app;
  await openProcess(browser, 'Contract review');
  await fit(browser);
  await clickAt(browser, await client(browser, { x: 100, y: 40 }));
  await waitFor(browser, (s) => s.selected !== '', 'the lane header was not selected');
  await setField(browser, 'name', 'Legal review (renamed)');
  await waitFor(browser, (s) => s.lanes.includes('Legal review (renamed)'), 'the rename was not drawn');
  // Autosave writes within a second of the last change.
  await browser.waitUntil(async () => /Draft saved/.test(await browser.$('#status-text').getText()), { timeout: 5_000, timeoutMsg: 'no autosave' });
  const lanes = (await state(browser)).lanes;

  execFileSync('pkill', ['-KILL', '-f', APP]);
  await app.close();
  // A restart on the same data folder, where the webview keeps the process last opened.
  app = await openApp({ FLOWLANE_LIBRARY: library, XDG_DATA_HOME: app.data });
  browser = app.browser;
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-process-name')) === 'Contract review', {
    timeout: 20_000,
    timeoutMsg: 'the app did not reopen the process being edited',
  });
  await waitFor(browser, (s) => s.lanes === lanes, 'the renamed lane is not in the reopened draft');
  const note = await browser.$('#draft-note');
  assert.ok(await note.isDisplayed(), 'the app says it recovered a draft');
  assert.match(await note.getText(), /Recovered unsaved changes/);
  assert.match((await state(browser)).title, /^● Contract review/);
  screenshot('editor-recovered-draft');
});

test('closing the window with unsaved changes asks first, and Cancel keeps it open', async () => {
  const { browser } = app;
  await openProcess(browser, 'Accounts payable');
  await fit(browser);
  await clickAt(browser, await client(browser, { x: 100, y: 40 }));
  await waitFor(browser, (s) => s.selected !== '', 'the lane header was not selected');
  await setField(browser, 'trigger', 'Invoice arrives by e-mail');
  await waitFor(browser, (s) => s.unsaved === 'true', 'the edit did not mark the process unsaved');
  // What the window manager's close button does: ask the window to close.
  await browser.execute(() => void window.__TAURI__.window.getCurrentWindow().close());
  const dialog = await browser.$('#form-dialog [data-answer="cancel"]');
  await dialog.waitForDisplayed({ timeout: 10_000 });
  assert.match(await browser.$('#form-dialog').getText(), /Close Flowlane\?[\s\S]*Accounts payable/);
  screenshot('editor-close-unsaved');
  await dialog.click();
  await browser.$('#form-dialog').waitForDisplayed({ reverse: true });
  assert.equal(await browser.$('#diagram').getAttribute('data-process-name'), 'Accounts payable', 'the app is still open');
});

test('rubber band, align, copy and paste, and a lane resize each land as one change', async () => {
  const { browser } = app;
  await openProcess(browser, 'Invoice approval');
  await fit(browser);
  // Shift-drag a rectangle around the first lane's steps (right of its header).
  const from = await client(browser, { x: 220, y: 5 });
  const to = await client(browser, { x: 2000, y: 155 });
  // Let go inside the canvas, whatever room the panels leave it.
  const right = await browser.execute(() => document.getElementById('diagram').getBoundingClientRect().right);
  await shiftDrag(browser, from, { x: Math.min(to.x, Math.round(right - 8)), y: to.y });
  await waitFor(browser, (s) => s.selected.split(' ').length >= 3, 'the rubber band selected fewer than three steps');
  const selected = (await state(browser)).selected.split(' ');
  screenshot('editor-multi-select');

  // Events and tasks differ in height, so aligning their tops moves steps; the draft shows it.
  await browser.$('#context-pad:not([hidden]) [data-pad="align-top"]').click();
  const draftDiff = () => JSON.stringify(JSON.parse(flowlane(library, 'diff', 'Invoice approval', '1', 'draft', '--format', 'json', '--layout')));
  await browser.waitUntil(async () => draftDiff().includes('bounds'), { timeout: 5_000, timeoutMsg: 'aligning moved no step in the draft' });

  const nodes = (await state(browser)).nodes;
  await keys(browser, ['Control', 'c']);
  await keys(browser, ['Control', 'v']);
  await waitFor(browser, (s) => s.nodes === nodes + selected.length, 'paste did not add a copy of each selected step');
  await keys(browser, ['Control', 'z']);
  await waitFor(browser, (s) => s.nodes === nodes, 'one undo did not take the whole paste back');

  // Drag the first lane's lower border (at its header) 60 units down.
  await fit(browser);
  const border = await client(browser, { x: 100, y: 160 });
  const w = await view(browser);
  await drag(browser, border, { x: border.x, y: Math.round(border.y + 60 * w.zoom) });
  await browser.waitUntil(async () => draftDiff().includes('height'), { timeout: 5_000, timeoutMsg: 'the lane resize did not reach the draft' });
});
