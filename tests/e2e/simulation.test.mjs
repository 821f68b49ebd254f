// Step-by-step simulation in the real app: replay the onboarding scenario "New hire in
// Engineering", step forward through it, step back once, and keep a mid-run screenshot.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, openProcess, sampleLibrary, screenshot } from './session.mjs';

const SCENARIO = 'New hire in Engineering';
let app;

before(async () => {
  app = await openApp({ FLOWLANE_LIBRARY: sampleLibrary() });
});

after(async () => {
  await app?.close();
});

async function shownStep(browser) {
  return Number(await browser.$('#sim-timeline').getAttribute('data-step'));
}

async function waitForStep(browser, step, what) {
  await browser.waitUntil(async () => (await shownStep(browser)) === step, {
    timeout: 10_000,
    timeoutMsg: `${what}: never showed step ${step}`,
  });
}

test('replaying the onboarding scenario steps forward and back', async () => {
  const { browser } = app;
  await openProcess(browser, 'Employee onboarding');
  await browser.$('#simulate-toggle').click();
  const diagram = await browser.$('#diagram');
  await browser.waitUntil(async () => (await diagram.getAttribute('data-mode')) === 'simulate', {
    timeout: 10_000,
    timeoutMsg: 'simulation mode never started',
  });
  const replay = await browser.$(`#scenario-list [data-scenario="${SCENARIO}"] .scenario-replay`);
  await replay.waitForClickable({ timeout: 10_000, timeoutMsg: `the scenario "${SCENARIO}" is not listed` });
  await replay.click();
  await waitForStep(browser, 0, 'replay');
  const steps = (await browser.$$('#sim-timeline .sim-step')).length;
  assert.ok(steps > 4, `the timeline holds the recorded steps (${steps})`);

  for (let step = 1; step <= 4; step++) {
    await browser.$('#sim-forward').click();
    await waitForStep(browser, step, 'step forward');
  }
  await browser.waitUntil(async () => Number(await diagram.getAttribute('data-decorated')) > 0, {
    timeout: 10_000,
    timeoutMsg: 'no token is drawn',
  });
  const tokensAtThree = await browser.execute(() => {
    document.querySelector('#sim-timeline [data-step="3"] .sim-step-go').click();
    return document.querySelector('#sim-timeline').dataset.tokens;
  });
  await browser.$('#sim-forward').click();
  await waitForStep(browser, 4, 'forward again');

  await browser.$('#sim-back').click();
  await waitForStep(browser, 3, 'step back');
  const tokens = await browser.$('#sim-timeline').getAttribute('data-tokens');
  assert.equal(tokens, tokensAtThree, 'stepping back shows the earlier tokens');
  screenshot('simulation-mid-run');
});
