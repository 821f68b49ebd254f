// Memory of the real app beside its floor (under Xvfb, through tauri-driver as the editor
// benchmark runs): a blank Tauri 2 window built from the same tauri crate and features
// (src-tauri/examples/blank_window.rs), then Flowlane idle on the samples, then Flowlane with a
// generated 5,000-node process open. Flowlane turns WebKit's accelerated compositing off and
// keeps GL out of its own process (src-tauri/src/rendering.rs), so the blank window is also
// measured that way, beside the default floor, to show what those settings alone save. Each is
// the app process plus the WebKit processes it started, as proportional set size (PSS: shared
// pages split between the processes that map them) and resident set size (RSS). Run through
// scripts/bench-app (it builds the release app and the blank window first). The table is also
// written to target/bench-memory.md.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP, flowlane, openApp, sampleLibrary, screenshot, SHOTS } from '../tests/e2e/session.mjs';
import { settledMemory } from './processMemory.mjs';

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const LANES = Number(process.env.BENCH_LANES ?? 20);
const BLANK = process.env.FLOWLANE_BLANK_WINDOW ?? path.join(path.dirname(APP), 'examples', 'blank_window');

/** The settled memory of `binary`, started through tauri-driver; `ready` waits for its page. */
async function measure(binary, env, ready, shot) {
  const { browser, close } = await openApp(env, [], binary);
  try {
    await ready(browser);
    const figures = await settledMemory(binary);
    if (!figures) throw new Error(`${binary} is not running`);
    screenshot(shot);
    return figures;
  } finally {
    await close();
  }
}

const processCount = async (browser) => (await browser.$$('#process-list li[data-process-id]')).length;

const library = sampleLibrary();
const pageLoaded = async (browser) =>
  browser.waitUntil(async () => (await browser.execute(() => document.readyState)) === 'complete');
// The blank window draws as Flowlane does (src-tauri/src/rendering.rs) unless WebKit's switch is
// given: `=0` is WebKit's default, compositing on.
const floor = await measure(BLANK, { WEBKIT_DISABLE_COMPOSITING_MODE: '0' }, pageLoaded, 'memory-blank-window');
const plainFloor = await measure(BLANK, {}, pageLoaded, 'memory-blank-window-plain');
const idle = await measure(APP, { FLOWLANE_LIBRARY: library }, async (browser) => {
  await browser.waitUntil(async () => (await processCount(browser)) >= 3, { timeout: 30_000 });
}, 'memory-idle-samples');

const big = path.join(path.dirname(library), 'generated.json');
flowlane(library, 'generate', '--nodes', String(NODES), '--lanes', String(LANES), '--output', big);
const generated = JSON.parse(readFileSync(big, 'utf8'));
flowlane(library, 'save', generated.id, big, '-m', 'Generated for the benchmark');
const open = await measure(APP, { FLOWLANE_LIBRARY: library }, async (browser) => {
  await browser.waitUntil(async () => (await processCount(browser)) >= 4, { timeout: 30_000 });
  await browser.$(`#process-list li[data-process-id="${generated.id}"]`).click();
  await browser.waitUntil(
    async () => Number(await browser.$('#diagram').getAttribute('data-nodes-drawn')) > 0
      && (await browser.$('#diagram').getAttribute('data-process-name')) === generated.info.name,
    { timeout: 60_000 },
  );
}, 'memory-big-process');

const mib = (value) => `${value.toFixed(0)} MiB`;
const row = (name, f, target = '') =>
  `| ${name} | ${mib(f.app.pss)} | ${mib(f.web.pss)} (${f.web.count}) | ${mib(f.network.pss)} | ${mib(f.total.pss)} | ${mib(f.total.rss)} | ${target} |`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const build = path.basename(path.dirname(APP));
const lines = [
  `Memory in the real app (${build} build, WebKitGTK under Xvfb), settled, app process + the WebKit processes it started:`,
  '',
  '| what is open | app PSS | web process PSS (count) | network process PSS | all, PSS | all, RSS | target |',
  '|---|---|---|---|---|---|---|',
  row('blank Tauri 2 window (the floor)', floor),
  row('blank Tauri 2 window drawing as Flowlane does (compositing off, no GL in the app process)', plainFloor),
  row('Flowlane idle on the samples', idle, `≤ 1.3× the floor: ${ratio(idle.total.pss, floor.total.pss)} PSS, ${ratio(idle.total.rss, floor.total.rss)} RSS (${ratio(idle.total.pss, plainFloor.total.pss)} PSS beside the blank window drawing as Flowlane does)`),
  row(`Flowlane with the ${NODES}-node process open`, open, `≤ 300 MB in all: ${(open.total.pss * 1.048576).toFixed(0)} MB PSS, ${(open.total.rss * 1.048576).toFixed(0)} MB RSS`),
];
const report = lines.join('\n');
console.log(report);
writeFileSync(path.join(SHOTS, '..', 'bench-memory.md'), `${report}\n`);
