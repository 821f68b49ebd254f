// A boundary timer from end to end in the real app, with the mouse and keyboard only: drop the
// palette's boundary event on a contract review step, make it a two-day timer with its escalation
// path and save the version; in the step simulator let the step run three days so the timer fires
// and the token leaves by its flow, save that run as a scenario; then compare the two versions on
// the canvas and find the timer and its path marked added.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI, flowlane, openApp, openProcess, sampleLibrary, screenshot } from './session.mjs';
import { drag, fit, keys, padButton, state, typeInto, waitForState } from './gestures.mjs';

const PROCESS = 'Contract review';
const HOST = 'Prepare draft and summary';
const SCENARIO = 'Draft overdue, escalated to the legal lead';
const MESSAGE = 'Escalate a draft not prepared within 2 days';
const NOTE = 'The draft took 3 days: the timer escalated it on day 2.';
const library = sampleLibrary();
let app;

before(async () => {
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

async function waitFor(browser, predicate, message) {
  await waitForState(browser, predicate, message, 'boundary-failed');
}

async function setField(browser, key, value, shown) {
  try {
    await typeInto(browser, key, value, shown);
  } catch (error) {
    screenshot(`boundary-failed-${key}`);
    throw error;
  }
}

/** Waits for a condition read from the page; on time-out saves a screenshot first. */
async function until(browser, condition, message, timeout = 15_000) {
  try {
    await browser.waitUntil(condition, { timeout, timeoutMsg: message });
  } catch (error) {
    screenshot('boundary-failed');
    throw error;
  }
}

/** The definition of `version` as the library stores it. */
function stored(version) {
  return JSON.parse(flowlane(library, 'export', PROCESS, '--version', String(version), '--format', 'json'));
}

/** The rows of the simulation log as the table shows them. */
async function logRows(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('#sim-log tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
  );
}

/** Clicks the fire button of the enabled action at the node called `name` and waits for the next step. */
async function fireAt(browser, name) {
  const step = Number(await browser.$('#sim-timeline').getAttribute('data-step'));
  const button = await browser.$(`//div[@id="sim-actions"]//button[contains(@class, "sim-fire") and starts-with(normalize-space(.), "${name}")]`);
  await button.waitForClickable({ timeout: 10_000, timeoutMsg: `"${name}" is not offered` });
  await button.click();
  await until(browser, async () => Number(await browser.$('#sim-timeline').getAttribute('data-step')) === step + 1, `firing "${name}" did not step`);
}

test('attach a boundary timer, let it fire in a simulated run, save the run and compare the versions', async () => {
  const { browser } = app;

  // 1. Contract review v1 in the editor, its first step found and selected.
  await openProcess(browser, PROCESS);
  await fit(browser);
  const opened = await state(browser);
  await keys(browser, ['Control', 'f']);
  const find = await browser.$('#find-box-input');
  await find.setValue(HOST);
  await until(browser, async () => (await find.getValue()) === HOST, 'the step name was not typed into find');
  await browser.keys('Enter');
  await waitFor(browser, (s) => s.selected !== '' && s.box !== '', `find did not select "${HOST}"`);
  const { selected: host, box } = await state(browser);
  screenshot('boundary-1-opened');

  // 2. The palette's boundary event dragged onto the step's lower border attaches to it.
  const [x, y, w, h] = box.split(',').map(Number);
  const item = await browser.execute(() => {
    const r = document.querySelector('[data-palette="boundary"]').getBoundingClientRect();
    return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
  });
  await drag(browser, item, { x: Math.round(x + w * 0.6), y: Math.round(y + h) });
  await waitFor(browser, (s) => s.nodes === opened.nodes + 1 && s.selected !== '' && s.selected !== host, 'the dropped boundary event was not added');
  const boundary = (await state(browser)).selected;
  // The autosaved draft says what it is attached to (the diff names the host).
  const attached = () => {
    const diff = spawnSync(CLI, ['--library', library, 'diff', PROCESS, '1', 'draft', '--format', 'json'], { encoding: 'utf8' });
    if (diff.status !== 0) return false; // No draft written yet.
    const added = JSON.parse(diff.stdout).changes.find((c) => c.status === 'added' && c.new_id === boundary);
    return added?.fields.find((f) => f.field === 'host')?.new === HOST;
  };
  await until(browser, async () => attached(), `the draft holds no boundary event attached to "${HOST}"`);
  const trigger = await browser.$('#properties-panel [data-key="trigger"]');
  await trigger.waitForDisplayed({ timeout: 10_000 });
  assert.equal(await trigger.getValue(), 'timer', 'a dropped boundary event is a timer');
  await setField(browser, 'name', 'Draft overdue');
  await setField(browser, 'timer', '2d', 'P2D');
  const preview = await browser.$('#properties-panel [data-field="timer"] .field-preview').getText();
  assert.match(preview, /^fires 2 days after the step starts/);
  screenshot('boundary-2-timer-set');

  // Its escalation path from the context pad: a new step, then an end.
  await padButton(browser, 'append-task');
  await waitFor(browser, (s) => s.nodes === opened.nodes + 2 && s.selected !== boundary, 'appending to the boundary event added nothing');
  const escalate = (await state(browser)).selected;
  await setField(browser, 'name', 'Escalate to the legal lead');
  await setField(browser, 'assignee', 'Legal lead');
  await padButton(browser, 'append-end');
  await waitFor(browser, (s) => s.nodes === opened.nodes + 3, 'appending the end added nothing');
  await setField(browser, 'name', 'Draft escalated');
  await fit(browser);
  screenshot('boundary-3-path-drawn');

  await keys(browser, ['Control', 's']);
  const message = await browser.$('#form-dialog input[name="text"]');
  await message.waitForDisplayed({ timeout: 10_000 });
  await message.setValue(MESSAGE);
  await until(browser, async () => (await message.getValue()) === MESSAGE, 'the version message was not typed');
  await browser.keys('Enter');
  await waitFor(browser, (s) => s.unsaved === 'false', 'the version was not saved');

  assert.ok(flowlane(library, 'history', PROCESS).includes(MESSAGE), 'v2 is saved with its message');
  const v2 = stored(2);
  const timer = v2.nodes.find((n) => n.id === boundary);
  assert.deepEqual(timer.kind, { type: 'boundary', host, trigger: { on: 'timer', timer: { duration: 'P2D' } } });
  const out = v2.flows.filter((f) => f.source === boundary);
  assert.deepEqual(out.map((f) => f.target), [escalate], 'the boundary event has one flow, to the new step');
  const leave = v2.flows.find((f) => f.source === escalate);
  assert.equal(v2.nodes.find((n) => n.id === leave?.target)?.kind.type, 'end');

  // 3. The step simulator on v2: the step takes 3 days, so the 2-day timer fires.
  await browser.$('#simulate-toggle').click();
  const diagram = await browser.$('#diagram');
  await until(browser, async () => (await diagram.getAttribute('data-mode')) === 'simulate', 'simulation mode never started');
  assert.equal(await browser.$('#status-text').getText(), `Simulating ${PROCESS} v2`);
  for (const [variable, value] of [['contract_value', '80000'], ['counterparty', 'Northwind GmbH']]) {
    const input = await browser.$(`#sim-var-${variable}`);
    await input.setValue(value);
    await until(browser, async () => (await input.getValue()) === value, `${variable} was not typed`);
  }
  await browser.$('#sim-step-through').click();
  await until(browser, async () => (await browser.$('#sim-timeline').getAttribute('data-step')) === '0', 'the run never started');
  const row = await browser.$(`//div[@id="sim-actions"]/div[button[starts-with(normalize-space(.), "${HOST}")]]`);
  const took = await row.$('input[name="took"]');
  await took.waitForDisplayed({ timeout: 10_000, timeoutMsg: `"${HOST}" is not offered with a Takes field at the start` });
  assert.equal(await row.$('.sim-took .sim-field-hint').getText(), 'Timer “Draft overdue” fires after 2 days');
  await took.setValue('3d');
  await until(browser, async () => (await took.getValue()) === '3d', 'the time was not typed');
  screenshot('boundary-4-takes-3-days');
  await fireAt(browser, HOST);

  const fired = (await logRows(browser)).find((cells) => cells[4] === 'Draft overdue');
  assert.ok(fired, `the log has a line for the timer: ${JSON.stringify(await logRows(browser))}`);
  assert.match(fired[5], /^timer 2d ran out while "Prepare draft and summary" ran: "Prepare draft and summary" is cancelled/);
  const started = Date.parse(`${(await logRows(browser))[0][1].replace(' ', 'T')}:00Z`);
  const deadline = new Date(started + 2 * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
  assert.equal(fired[1], deadline, 'the timer fired two days after the step started');
  assert.match(await browser.$('#sim-status').getText(), new RegExp(`${deadline} UTC$`), 'the clock stands where the timer fired');
  assert.equal(await browser.$('#sim-timeline').getAttribute('data-tokens'), out[0].id, 'the token left by the boundary flow alone');
  assert.equal(await browser.$('#sim-timeline [aria-current="step"] .sim-step-label').getText(), `${HOST}, taking 3d`);
  const note = await browser.$('#sim-timeline [aria-current="step"] .sim-step-note-input');
  await note.setValue(NOTE);
  await until(browser, async () => (await note.getValue()) === NOTE, 'the note was not typed');
  screenshot('boundary-5-timer-fired');

  await fireAt(browser, 'Escalate to the legal lead');
  await fireAt(browser, 'Draft escalated');
  // The escalation path takes no time: the instance ends when the timer fired, two days in.
  await until(browser, async () => (await browser.$('#sim-status').getText()) === 'Ended at Draft escalated after 2d', 'the run did not end at the escalation on day 2');
  const name = await browser.$('#scenario-name');
  await name.setValue(SCENARIO);
  await until(browser, async () => (await name.getValue()) === SCENARIO, 'the scenario name was not typed');
  await browser.keys('Enter');
  await until(browser, async () => (await browser.$('#sim-save .sim-save-message').getText()) === `Saved "${SCENARIO}"`, 'the run was not saved as a scenario');
  screenshot('boundary-6-run-saved');
  // The saved scenario replays the same way: the timer fires and the note is kept.
  const replayed = flowlane(library, 'scenario', 'run', SCENARIO);
  assert.match(replayed, /"Draft overdue" timer 2d ran out while "Prepare draft and summary" ran/);
  assert.ok(replayed.includes(`note: ${NOTE}`), replayed);
  assert.match(replayed, /ended after 2d/);

  // 4. v2 against v1 on the canvas: the timer, its flow and its path are marked added.
  await browser.$('#exit-simulation').click();
  await browser.$('#history-toggle').click();
  await until(browser, async () => (await browser.$$('#history-panel li[data-version]')).length === 2, 'the history never listed 2 versions');
  await browser.$('#history-panel li[data-version="2"]').click();
  await browser.$('#history-panel .compare-previous').click();
  await until(browser, async () => (await diagram.getAttribute('data-mode')) === 'compare', 'compare mode never started');
  const highlighted = async () =>
    new Map(((await diagram.getAttribute('data-highlighted')) ?? '').split(' ').filter(Boolean).map((pair) => pair.split('=')));
  await until(browser, async () => (await highlighted()).get(boundary) === 'added', 'the boundary timer is not marked added on the canvas');
  const marks = await highlighted();
  for (const [what, id] of [['its flow', out[0].id], ['the escalation step', escalate], ['the escalation end', leave.target]]) {
    assert.equal(marks.get(id), 'added', `${what} is marked added on the canvas: ${JSON.stringify([...marks])}`);
  }
  assert.equal(marks.get(host), undefined, 'the host step itself is unchanged');
  const rows = await browser.execute(() =>
    [...document.querySelectorAll('#change-list [data-change-status]')].map((r) => [r.dataset.elementId, r.dataset.changeStatus]),
  );
  assert.ok(rows.some(([id, status]) => id === boundary && status === 'added'), `the change list lists the timer as added: ${JSON.stringify(rows)}`);
  screenshot('boundary-7-compared');
});
