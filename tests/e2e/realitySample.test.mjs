// Reality mode on a sample as it ships: Accounts payable's stored synthetic log (no import) is
// chosen in the panel and the deviations injected into it (a skipped approval, an undesigned
// shortcut, activities after the end) are drawn on the canvas with the counts the CLI computes
// from the same stored log; a case behind the skipped approval is replayed in the step simulator;
// the what-if is calibrated from the log as the CLI calibrates it, and a calibrated copy drafted.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { flowlane, openApp, openReality, sampleLibrary, screenshot } from './session.mjs';

let app;
let library;

before(async () => {
  library = sampleLibrary();
  app = await openApp({ FLOWLANE_LIBRARY: library });
});

after(async () => {
  await app?.close();
});

const text = (browser, selector) => browser.execute((s) => document.querySelector(s)?.textContent ?? '', selector);

/** Accounts payable in Reality, its stored log checked. */
async function openChecked(browser) {
  await openReality(browser, 'Accounts payable');
  await browser.waitUntil(
    async () =>
      (await browser.$('.reality-body').getAttribute('data-state')) === 'ready' &&
      (await text(browser, '.reality-figures')).includes('Fitness'),
    { timeout: 60_000, timeoutMsg: 'the conformance never showed' },
  );
}

test("a sample's stored log shows its injected deviations on the canvas", async () => {
  const { browser } = app;
  const cli = JSON.parse(flowlane(library, 'conformance', 'Accounts payable', '1', '--format', 'json'));
  const skipped = cli.deviations.find((d) => d.kind === 'skipped' && d.name === 'Approve invoice');
  const shortcut = cli.deviations.find((d) => d.kind === 'extra' && d.name.startsWith('Fast-track'));
  assert.ok(skipped && skipped.count > 0, 'the sample log skips approvals');
  assert.ok(shortcut && shortcut.count > 0, 'the sample log has an undesigned shortcut');

  // The sample's log is already stored: it is listed and chosen without an import.
  await openReality(browser, 'Accounts payable');
  await browser.$('.reality-log[data-log="1"]').click();
  await browser.waitUntil(async () => (await text(browser, '.reality-figures')).includes('Fitness'), {
    timeout: 60_000,
    timeoutMsg: 'the conformance never showed',
  });

  const a = cli.alignments;
  assert.match(await text(browser, '.reality-figures'), new RegExp(`${a.fitting_cases} of ${cli.log.cases}`));
  assert.ok((await text(browser, '[data-figure="fitness"]')).includes(a.log_fitness.toFixed(3)));
  const deviations = await text(browser, '.reality-deviations');
  assert.match(deviations, new RegExp(`Approve invoice skipped · ${skipped.count}× in ${skipped.cases} cases`));
  assert.match(deviations, new RegExp(`${shortcut.name} not in the design · ${shortcut.count}×`));

  // On the canvas: the skipped approval ringed with its count (chosen in the list, it is brought
  // into view), the shortcut noted where it happened.
  await browser.$('.reality-deviation.skipped[data-deviation="Approve invoice"]').click();
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-selected')) === skipped.step, {
    timeout: 10_000,
    timeoutMsg: 'choosing the skipped approval did not select its step',
  });
  const highlighted = (await browser.$('#diagram').getAttribute('data-highlighted')).split(' ');
  assert.ok(highlighted.includes(`${skipped.step}=breach`), highlighted.join(' '));
  const notes = (await browser.$('#diagram').getAttribute('data-notes')).split('|');
  assert.ok(notes.some((n) => n.split(' · ').includes(`skipped ×${skipped.count}`)), notes.join('|'));
  const shortcutAt = shortcut.places.reduce((n, p) => n + p.count, 0);
  assert.ok(notes.some((n) => n.includes(`+ ${shortcut.name} ×${shortcutAt}`)), notes.join('|'));
  // The cases behind it stay listed: choosing it on the canvas does not reload the panel.
  await browser.waitUntil(async () => (await browser.$('.reality-body').getAttribute('data-state')) === 'ready', {
    timeout: 60_000,
    timeoutMsg: 'the panel did not settle',
  });
  assert.match(await text(browser, '.reality-details'), /Approve invoice: skipped in \d+ cases/);
  screenshot('reality-sample');

  // A case that skipped the approval, replayed: the step simulator opens on the real case and
  // says where it leaves the design.
  const replay = await browser.$('.reality-details .reality-replay');
  const caseId = await replay.getAttribute('data-case');
  await replay.click();
  await browser.$('#sim-run').waitForDisplayed({ timeout: 20_000 });
  await browser.$('#reality-panel').waitForDisplayed({ reverse: true, timeout: 10_000 });
  const banner = await text(browser, '#sim-replay-banner');
  assert.match(banner, new RegExp(`Case ${caseId} of log 1: \\d+ activities`));
  assert.match(banner, /leaves the design at activity \d+ "[^"]+"/);
  // The canvas comes to the token, though Reality had framed the deviation elsewhere.
  const definition = JSON.parse(flowlane(library, 'export', 'Accounts payable', '--format', 'json'));
  const first = definition.nodes.find((n) => n.name === 'Register invoice');
  const b = definition.layout.nodes[first.id];
  await browser.waitUntil(
    async () => {
      const [ox, oy] = (await browser.$('#diagram').getAttribute('data-offset')).split(',').map(Number);
      const zoom = Number(await browser.$('#diagram').getAttribute('data-zoom'));
      const { width, height } = await browser.execute(() => document.getElementById('diagram').getBoundingClientRect().toJSON());
      const [x, y] = [ox + b.x * zoom, oy + b.y * zoom];
      return x >= 0 && y >= 0 && x + b.w * zoom <= width && y + b.h * zoom <= height;
    },
    { timeout: 10_000, timeoutMsg: 'the step the replayed case waits at is not in view' },
  );
  screenshot('reality-replay');
});

test('Discover drafts the as-is process from the stored log and opens it', async () => {
  const { browser } = app;
  await openChecked(browser);
  const discover = await browser.$('#reality-discover');
  await discover.waitForEnabled({ timeout: 10_000, timeoutMsg: 'Discover stayed off with the log chosen' });
  await discover.click();
  const name = 'Accounts payable as discovered from log 1';
  // The click is taken: the status says discovery runs (or, already, that the draft is open).
  await browser.waitUntil(async () => /^(Discovering|Drafted)|· \d+ workflows/.test(await text(browser, '#status-text')), {
    timeout: 15_000,
    timeoutMsg: 'clicking Discover started nothing',
  });
  await browser
    .waitUntil(async () => (await browser.$('#diagram').getAttribute('data-process-name')) === name, {
      // A debug build on a loaded machine: discovery, layout and the draft's first paint take a while.
      timeout: 180_000,
    })
    .catch(async () => {
      screenshot('reality-discover-failed');
      const shown = await browser.$('#diagram').getAttribute('data-process-name');
      const status = await text(browser, '#status-text');
      const banner = await text(browser, '#error-banner');
      throw new Error(`the discovered process was not opened: the canvas shows "${shown}"; the status says "${status}"; the error banner says "${banner}"`);
    });
  await browser.$('#reality-panel').waitForDisplayed({ reverse: true, timeout: 10_000 });
  assert.match(await text(browser, '#process-list'), /as discovered from log 1/);
  assert.ok(Number(await browser.$('#diagram').getAttribute('data-nodes-total')) > 5, 'the draft has the log’s steps');
  screenshot('reality-discovered');
});

test('Calibrate fits the what-if to the stored log as the CLI does, and drafts a calibrated copy', async () => {
  const { browser } = app;
  const cli = JSON.parse(flowlane(library, 'simulate', 'Accounts payable', '--calibrate', '1', '--format', 'json'));
  await openChecked(browser);
  await browser.$('[data-tab="calibrate"]').click();
  await browser.$('#reality-calibrate').click();
  await browser.$('#reality-calibration-verdict').waitForExist({ timeout: 120_000 });
  // The same fit and the same run (seed 1, from Monday 2026-01-05) as the CLI's.
  const verdict = await text(browser, '#reality-calibration-verdict');
  assert.ok(verdict.includes(`KS ${cli.ks.toFixed(3)}`), `${verdict} (CLI: ${cli.ks})`);
  const figures = await text(browser, '.reality-calibration-result');
  assert.ok(figures.includes(`${cli.observed_cases} cases in the log, ${cli.simulated_cases} simulated`), figures);
  screenshot('reality-calibration');

  await browser.$('#reality-calibrated-copy').click();
  const name = `Accounts payable v${cli.version} as calibrated from log 1`;
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-process-name')) === name, {
    timeout: 60_000,
    timeoutMsg: 'the calibrated copy was not opened',
  });
  await browser.$('#reality-panel').waitForDisplayed({ reverse: true, timeout: 10_000 });
  assert.match(await text(browser, '#process-list'), /as calibrated from log 1/);
  screenshot('reality-calibrated-copy');
});
