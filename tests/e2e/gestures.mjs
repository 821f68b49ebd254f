// What a user does in the real app, as WebDriver pointer and key actions: read where the canvas
// shows a world point, click, drag, press keys, use the context pad and type into the
// properties panel. Shared by the end-to-end tests that edit.

import { screenshot } from './session.mjs';

/** The canvas's client rectangle with its current zoom and offset (from its data attributes). */
export async function view(browser) {
  return browser.execute(() => {
    const canvas = document.getElementById('diagram');
    const rect = canvas.getBoundingClientRect();
    const [x, y] = canvas.dataset.offset.split(',').map(Number);
    return { left: rect.left, top: rect.top, zoom: Number(canvas.dataset.zoom), x, y };
  });
}

/** Fit to screen, then wait for the frame that shows it, so positions are read from the new view. */
export async function fit(browser) {
  await browser.$('#zoom-fit').click();
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

/** Client point of a world point. */
export async function client(browser, world) {
  const v = await view(browser);
  return { x: Math.round(v.left + v.x + world.x * v.zoom), y: Math.round(v.top + v.y + world.y * v.zoom) };
}

export async function clickAt(browser, at, { shift = false } = {}) {
  if (shift) await browser.action('key').down('\uE008').perform();
  await browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ x: at.x, y: at.y, origin: 'viewport' })
    .down({ button: 0 })
    .up({ button: 0 })
    .perform();
  if (shift) await browser.action('key').up('\uE008').perform();
}

/** Presses at `from`, moves in eight steps and lets go at `to` (client points). */
export async function drag(browser, from, to) {
  if (process.env.E2E_DEBUG) console.log('drag', from, to, await view(browser));
  const steps = 8;
  let chain = browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ x: from.x, y: from.y, origin: 'viewport' })
    .down({ button: 0 });
  for (let i = 1; i <= steps; i++) {
    chain = chain.move({ x: Math.round(from.x + ((to.x - from.x) * i) / steps), y: Math.round(from.y + ((to.y - from.y) * i) / steps), origin: 'viewport', duration: 20 });
  }
  await chain.up({ button: 0 }).perform();
}

/** Presses a key chord, e.g. keys(browser, ['Control', 'z']). */
export async function keys(browser, chord) {
  const codes = { Control: '\uE009', Shift: '\uE008', Enter: '\uE007', Delete: '\uE017' };
  const mapped = chord.map((k) => codes[k] ?? k);
  let action = browser.action('key');
  for (const k of mapped) action = action.down(k);
  for (const k of [...mapped].reverse()) action = action.up(k);
  await action.perform();
}

/** Clicks the context pad's button `name` (e.g. `append-task`, `connect`) once it is there. */
export async function padButton(browser, name) {
  const button = await browser.$(`#context-pad:not([hidden]) [data-pad="${name}"]`);
  await button.waitForClickable({ timeout: 10_000 });
  await button.click();
}

/**
 * Types into a properties field and commits it with Enter; waits until the field reads `shown`
 * (what the core stored, `value` unless it is respelled) and is not marked wrong.
 */
export async function typeInto(browser, key, value, shown = value) {
  const input = await browser.$(`#properties-panel [data-key="${key}"]`);
  await input.waitForDisplayed({ timeout: 10_000 });
  await input.setValue(value);
  await browser.keys('Enter');
  await browser.waitUntil(async () => (await input.getValue()) === shown && !(await browser.$(`#properties-panel [data-key="${key}"][aria-invalid="true"]`).isExisting()), {
    timeout: 10_000,
    timeoutMsg: `${key} never became ${shown}`,
  });
}

/** The working copy as the UI holds it (data only; read, never changed). */
export async function state(browser) {
  return browser.execute(() => {
    const canvas = document.getElementById('diagram');
    return {
      selected: canvas.dataset.selected ?? '',
      box: canvas.dataset.selectionBox ?? '',
      lanes: canvas.dataset.lanes,
      nodes: Number(canvas.dataset.nodesTotal),
      flows: Number(canvas.dataset.flowsTotal),
      title: document.title,
      unsaved: document.body.dataset.unsaved,
    };
  });
}

/** Waits until `predicate(state)` holds; otherwise saves screenshot `shot` and says what the canvas showed. */
export async function waitForState(browser, predicate, message, shot) {
  try {
    await browser.waitUntil(async () => predicate(await state(browser)), { timeout: 15_000, timeoutMsg: message });
  } catch {
    screenshot(shot);
    throw new Error(`${message}; the canvas said ${JSON.stringify(await state(browser))}`);
  }
}
