// A new user's first process in the real app, counted: build "Purchase request" from a blank
// process (two lanes, start → Submit request → "Over 5,000?" → Manager approval / Auto-approve
// → Place order → end, condition `amount > 5000`, a default flow), save it as a version and
// simulate it with 7,000 and with 100. Every click, key press, drag and typed field is one action.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, screenshot } from './session.mjs';
import { client, clickAt, drag, keys, padButton, state, waitForState } from './gestures.mjs';

/**
 * What the test may spend: the target. 12 of the 25 are typed fields (names, the
 * condition, the message, two amounts); the rest are appends, a lane, the drag into it, one
 * connection, the condition's flow and the decision selected, Ctrl+S and Ctrl+R. New… names the
 * first workflow in place and then selects Start; a decision's plain way out after a conditioned
 * one is its default; appending keeps the earlier steps in view; Enter runs a simulation to its
 * end and leaves the form ready for the next value.
 */
const ACTION_BUDGET = 25;

const library = path.join(mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-')), 'library.flowlane');
let app;
const actions = [];

before(async () => {
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  console.log(`first hour: ${actions.length} actions\n  ${actions.join('\n  ')}`);
  await app?.close();
});

/** Runs one user action and counts it. */
async function act(what, run) {
  actions.push(what);
  try {
    await run();
  } catch (error) {
    screenshot(app.browser, 'first-hour-failed');
    throw new Error(`${what}: ${error.message}; the canvas said ${JSON.stringify(await state(app.browser))}`);
  }
}

const waitFor = (browser, predicate, message) => waitForState(browser, predicate, message, 'first-hour-failed');

/** The selected element's box in world coordinates, read from one frame once the view has settled. */
async function selectedWorld(browser) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  return browser.execute(() => {
    const canvas = document.getElementById('diagram');
    const rect = canvas.getBoundingClientRect();
    const [ox, oy] = canvas.dataset.offset.split(',').map(Number);
    const zoom = Number(canvas.dataset.zoom);
    const [x, y, w, h] = canvas.dataset.selectionBox.split(',').map(Number);
    return { x: (x - rect.left - ox) / zoom, y: (y - rect.top - oy) / zoom, w: w / zoom, h: h / zoom };
  });
}

const centre = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** Clicks the middle of a world rectangle (or a world point) where the view shows it now. */
async function clickWorld(browser, r) {
  await clickAt(browser, await client(browser, 'w' in r ? centre(r) : r));
}

/** Types into whatever has the keyboard focus (the in-place name field) and presses Enter. */
async function typeAndEnter(browser, text) {
  await browser.waitUntil(async () => browser.execute(() => document.activeElement?.classList.contains('inline-rename')), { timeout: 10_000, timeoutMsg: 'no name field opened in place' });
  // One key at a time: in a single key action a repeated character ("000") would be pressed while still down, and lost.
  for (const key of [...text, '\uE007']) await browser.keys(key);
}

async function doubleClickAt(browser, at) {
  await browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ x: at.x, y: at.y, origin: 'viewport' })
    .down({ button: 0 })
    .up({ button: 0 })
    .pause(40)
    .down({ button: 0 })
    .up({ button: 0 })
    .perform();
}

/** Drags the context pad's button `name` onto client point `to`. */
async function dragPad(browser, name, to) {
  const button = await browser.$(`#context-pad:not([hidden]) [data-pad="${name}"]`);
  await button.waitForClickable({ timeout: 10_000 });
  const at = await button.getLocation();
  const size = await button.getSize();
  await drag(browser, { x: Math.round(at.x + size.width / 2), y: Math.round(at.y + size.height / 2) }, to);
}

async function field(browser, key, value) {
  const input = await browser.$(`#properties-panel [data-key="${key}"]`);
  await input.waitForDisplayed({ timeout: 10_000 });
  await input.setValue(value);
  await browser.keys('\uE007');
  await browser.waitUntil(async () => (await input.getValue()) === value && !(await browser.$(`#properties-panel [data-key="${key}"][aria-invalid="true"]`).isExisting()), { timeout: 10_000, timeoutMsg: `${key} never became ${value}` });
}

/** Types the amount into the simulation's start form and presses Enter: the run goes to its end. */
async function simulate(browser, amount, took) {
  const input = await browser.$('#sim-start input[data-variable="amount"]');
  await input.waitForDisplayed({ timeout: 10_000 });
  await act(`type amount ${amount} and Enter (runs it to the end)`, async () => {
    await input.setValue(String(amount));
    await browser.keys('\uE007');
  });
  const log = await browser.$('#sim-log');
  await browser.waitUntil(async () => (await browser.$('#sim-status').getAttribute('data-state')) === 'ended' && (await log.getText()).includes(took), { timeout: 20_000, timeoutMsg: `the run with ${amount} never ended through ${took}` });
  return log.getText();
}

test('the purchase request is built, saved and simulated with few actions', async () => {
  const { browser } = app;
  await browser.$('#new-process').waitForClickable({ timeout: 20_000 });
  await act('New…', () => browser.$('#new-process').click());
  const name = await browser.$('#form-dialog input[name="text"]');
  await name.waitForDisplayed();
  await act('type "Purchase request" and Enter', async () => {
    await name.setValue('Purchase request');
    await browser.keys('\uE007');
  });
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-process-name')) === 'Purchase request', { timeout: 15_000 });
  screenshot('first-hour-blank');

  // The blank process asks for its workflow's name in place, then selects Start with its pad.
  await act('type "Requester" and Enter', () => typeAndEnter(browser, 'Requester'));
  await waitFor(browser, (s) => s.lanes === 'Requester' && s.selected !== '', 'the lane was not named in place with Start selected after');
  const start = await selectedWorld(browser);
  // A workflow added from the palette is named in place and gives the selection back to Start.
  await act('palette: add lane', () => browser.$('[data-palette="lane"]').click());
  await act('type "Manager" and Enter', () => typeAndEnter(browser, 'Manager'));
  await waitFor(browser, (s) => s.lanes === 'Requester|Manager' && s.selected !== '', 'the second lane was not added and named');
  assert.deepEqual(await selectedWorld(browser), start, 'Start is selected again');

  // Start → Submit request → Over 5,000?: the context pad appends each step after the selection.
  await act('pad: append task', () => padButton(browser, 'append-task'));
  await act('type "Submit request" and Enter', () => typeAndEnter(browser, 'Submit request'));
  await waitFor(browser, (s) => s.nodes === 2 && s.flows === 1, 'Submit request was not appended');
  await act('pad: append decision', () => padButton(browser, 'append-gateway'));
  await act('type "Over 5,000?" and Enter', () => typeAndEnter(browser, 'Over 5,000?'));
  await waitFor(browser, (s) => s.nodes === 3 && s.flows === 2, 'the decision was not appended');
  const gateway = await selectedWorld(browser);

  // Manager approval: the pad's task dragged into the Manager lane, below the decision, joined from it;
  // Place order after it, and the end (its name left as it comes).
  await act('drag the pad\'s task into the Manager lane', async () => dragPad(browser, 'append-task', await client(browser, { x: centre(gateway).x, y: 240 })));
  await act('type "Manager approval" and Enter', () => typeAndEnter(browser, 'Manager approval'));
  await waitFor(browser, (s) => s.nodes === 4 && s.flows === 3, 'no task was dropped and joined from the decision');
  const manager = await selectedWorld(browser);
  await act('pad: append task', () => padButton(browser, 'append-task'));
  await act('type "Place order" and Enter', () => typeAndEnter(browser, 'Place order'));
  await waitFor(browser, (s) => s.nodes === 5 && s.flows === 4, 'Place order was not appended');
  const place = await selectedWorld(browser);
  await act('pad: append end event', () => padButton(browser, 'append-end'));
  await waitFor(browser, (s) => s.nodes === 6 && s.flows === 5, 'the end was not appended');

  // The condition's variable is declared by typing the condition.
  // Just below the decision: the middle of this flow lies on the lanes' border, which resizes the lane.
  await act('click the flow into Manager approval', () => clickWorld(browser, { x: centre(manager).x, y: gateway.y + gateway.h + 15 }));
  await waitFor(browser, (s) => s.selected !== '' && s.box !== '', 'the flow was not selected');
  await act('type condition "amount > 5000"', () => field(browser, 'condition', 'amount > 5000'));
  await browser.waitUntil(async () => /Declared amount \(number\)/.test(await browser.$('#status-text').getText()), { timeout: 10_000, timeoutMsg: 'the status bar did not say amount was declared' });

  // Auto-approve: the decision's other way out, its default because the first has a condition.
  await act('click the decision', () => clickWorld(browser, gateway));
  await act('pad: append task', () => padButton(browser, 'append-task'));
  await act('type "Auto-approve" and Enter', () => typeAndEnter(browser, 'Auto-approve'));
  await waitFor(browser, (s) => s.nodes === 7 && s.flows === 6, 'Auto-approve was not appended');
  const auto = await selectedWorld(browser);
  // Everything built so far is still in view: Place order is one drag away.
  await act('drag the pad\'s connect onto Place order', async () => dragPad(browser, 'connect', await client(browser, centre(place))));
  await waitFor(browser, (s) => s.flows === 7, 'Auto-approve was not joined to Place order');

  // The flow into Auto-approve is the default: its properties say so (looked at, not counted).
  await clickWorld(browser, { x: auto.x - 20, y: auto.y + auto.h / 2 });
  await waitFor(browser, (s) => s.selected !== '' && s.box !== '', 'the flow into Auto-approve was not selected');
  await browser.waitUntil(async () => browser.execute(() => document.querySelector('#properties-panel [data-key="default"]')?.checked === true), { timeout: 10_000, timeoutMsg: 'the flow into Auto-approve is not the default' });
  screenshot('first-hour-built');

  await act('Ctrl+S', () => keys(browser, ['Control', 's']));
  const message = await browser.$('#form-dialog input[name="text"]');
  await message.waitForDisplayed({ timeout: 10_000 });
  await act('type the version message and Enter', async () => {
    await message.setValue('First design');
    await browser.keys('\uE007');
  });
  await waitFor(browser, (s) => s.unsaved === 'false', 'the version was not saved');

  await act('Ctrl+R', () => keys(browser, ['Control', 'r']));
  const high = await simulate(browser, 7000, 'Manager approval');
  screenshot('first-hour-simulated-7000');
  assert.doesNotMatch(high, /Auto-approve/, 'with 7,000 nothing is approved automatically');
  // The ended run leaves the start form as typed: the next run is the new value and Enter.
  const low = await simulate(browser, 100, 'Auto-approve');
  screenshot('first-hour-simulated-100');
  assert.match(low, /took the default flow/, 'with 100 the default flow is taken');
  assert.doesNotMatch(low, /Manager approval/, 'with 100 no manager is asked');

  assert.ok(actions.length <= ACTION_BUDGET, `${actions.length} actions, more than ${ACTION_BUDGET}`);
});
