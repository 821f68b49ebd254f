// A partner pool and a message flow from end to end in the real app, with the mouse and keyboard
// only: add a black-box partner pool to Accounts payable from the palette and name it, draw a
// message flow from a step to it with the context pad's connect tool and name the message, save
// the version; the library holds the pool and the message flow, and the BPMN export writes them as
// a participant and a messageFlow.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { flowlane, openApp, openProcess, sampleLibrary, screenshot } from './session.mjs';
import { clickAt, fit, keys, padButton, state, typeInto, waitForState } from './gestures.mjs';

const PROCESS = 'Accounts payable';
const STEP = 'Register invoice';
const PARTNER = 'Supplier';
const MESSAGE = 'Invoice query';
const VERSION = 'The supplier is asked about unclear invoices';
const library = sampleLibrary();
let app;

before(async () => {
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

async function waitFor(browser, predicate, message) {
  await waitForState(browser, predicate, message, 'partner-failed');
}

/** Centre of the selection's box, in client coordinates. */
function centreOf(box) {
  const [x, y, w, h] = box.split(',').map(Number);
  return { x: Math.round(x + w / 2), y: Math.round(y + h / 2) };
}

/** The versions of the process as the library stores them. */
function stored(version) {
  return JSON.parse(flowlane(library, 'export', PROCESS, '--version', String(version), '--format', 'json'));
}

test('add a partner pool, draw a message flow to it, save, and export it as BPMN', async () => {
  const { browser } = app;
  await openProcess(browser, PROCESS);
  await fit(browser);
  const opened = await state(browser);
  const versions = flowlane(library, 'history', PROCESS).trim().split('\n').length;

  // 1. The palette's partner pool: a black box below the lanes, selected, named in the properties.
  await browser.$('[data-palette="partner-pool"]').click();
  await waitFor(browser, (s) => s.selected !== '' && s.nodes === opened.nodes && s.unsaved === 'true', 'the partner pool was not added');
  const pool = (await state(browser)).selected;
  await typeInto(browser, 'name', PARTNER);
  await fit(browser);
  await waitFor(browser, (s) => s.selected === pool && s.box !== '', 'the pool is not shown selected');
  const poolAt = centreOf((await state(browser)).box);
  screenshot('partner-1-pool-added');

  // 2. The step, found and selected; connect it to the pool: a message flow, named.
  await keys(browser, ['Control', 'f']);
  const find = await browser.$('#find-box-input');
  await find.setValue(STEP);
  await browser.waitUntil(async () => (await find.getValue()) === STEP, { timeout: 10_000, timeoutMsg: 'the step name was not typed' });
  await browser.keys('Enter');
  await waitFor(browser, (s) => s.selected !== '' && s.selected !== pool && s.box !== '', `find did not select "${STEP}"`);
  const step = (await state(browser)).selected;
  // Find zoomed in on the step: the same fitted view again, where the pool was measured.
  await fit(browser);
  await padButton(browser, 'connect');
  await clickAt(browser, poolAt);
  await waitFor(browser, (s) => s.selected !== step && s.selected !== pool && s.selected !== '', 'the connection was not drawn');
  const message = (await state(browser)).selected;
  const title = () => browser.execute(() => document.querySelector('#properties-panel .properties-title')?.textContent ?? '');
  await browser.waitUntil(async () => (await title()) === 'Message flow', { timeout: 10_000, timeoutMsg: 'the properties do not show a message flow' });
  await typeInto(browser, 'name', MESSAGE);
  screenshot('partner-2-message-flow');

  // 3. Saved as the next version.
  await keys(browser, ['Control', 's']);
  const text = await browser.$('#form-dialog input[name="text"]');
  await text.waitForDisplayed({ timeout: 10_000 });
  await text.setValue(VERSION);
  await browser.waitUntil(async () => (await text.getValue()) === VERSION, { timeout: 10_000, timeoutMsg: 'the version message was not typed' });
  await browser.keys('Enter');
  await waitFor(browser, (s) => s.unsaved === 'false', 'the version was not saved');
  await fit(browser);
  screenshot('partner-3-saved');

  const saved = stored(versions + 1);
  assert.deepEqual(saved.pools, [{ id: pool, name: PARTNER, partner: true, order: 0 }]);
  assert.deepEqual(saved.messages, [{ id: message, source: step, target: pool, name: MESSAGE }]);
  assert.equal(saved.flows.length, stored(versions).flows.length, 'no sequence flow was drawn');

  // 4. The BPMN export: the process's own participant, the supplier, and the message flow.
  const bpmn = flowlane(library, 'export', PROCESS, '--format', 'bpmn');
  assert.match(bpmn, new RegExp(`<bpmn:participant id="[^"]+" name="${PARTNER}"/>`), 'the supplier is a participant without a process');
  assert.match(bpmn, new RegExp(`<bpmn:messageFlow id="[^"]+" name="${MESSAGE}" sourceRef="[^"]+" targetRef="[^"]+"/>`));
  assert.equal((bpmn.match(/<bpmn:participant /g) ?? []).length, 2, 'own participant and the supplier');
});
