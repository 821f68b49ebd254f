// Editor benchmark in the real app (tauri-driver + WebKitWebDriver, under Xvfb): first paint
// after opening a generated 5,000-node process, paint time per frame while panning and zooming,
// single edit to redraw (undo/redo of a drag, through the core) with the bytes the IPC carried,
// and memory. Each figure is also given as a ratio to the same measurement on the 23-node
// onboarding sample in the same run, because these machines are noisy. Run through scripts/bench-app (it builds the app first).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP, flowlane, openApp, sampleLibrary, SHOTS } from '../tests/e2e/session.mjs';
import { appMemory } from './processMemory.mjs';

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const LANES = Number(process.env.BENCH_LANES ?? 20);
const FRAMES = 120;
const EDITS = 40;
/** benches/keyToScreen.c, built by scripts/bench-app; without it the X-screen rows are left out. */
const KEY_TO_SCREEN = process.env.FLOWLANE_KEY_TO_SCREEN;

const library = sampleLibrary();
const big = path.join(path.dirname(library), 'generated.json');
flowlane(library, 'generate', '--nodes', String(NODES), '--lanes', String(LANES), '--output', big);
const generated = JSON.parse(readFileSync(big, 'utf8'));
flowlane(library, 'save', generated.id, big, '-m', 'Generated for the benchmark');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * Records what the core sends back (`window.benchIpc` in the page: which answer, when it arrived,
 * already parsed; `window.benchIpcBytes` its size as JSON), so the figures can say what crossed the
 * IPC. `invoke` cannot be replaced, so every answer's callback is wrapped as Tauri registers it.
 */
async function watchIpc(browser) {
  await browser.execute(() => {
    const callbacks = window.__TAURI_INTERNALS__?.callbacks;
    if (window.benchIpc || !callbacks) return;
    const calls = [];
    window.benchIpc = calls;
    window.benchIpcBytes = (call) => new TextEncoder().encode(JSON.stringify(call.answer ?? null)).length;
    const set = callbacks.set.bind(callbacks);
    callbacks.set = (id, callback) =>
      set(id, (answer) => {
        const kind = answer && typeof answer === 'object' ? ('patch' in answer ? 'edit' : 'process' in answer && 'names' in answer ? 'open' : 'other') : 'other';
        // Measured when read (`bytes`), not here: that would delay what is being timed.
        calls.push({ kind, arrivedAt: performance.now(), answer });
        return callback(answer);
      });
  });
}

/**
 * From the click in the process list to the first frame that drew the process (`total`), and
 * from the working copy's arrival (`open_editor` answered) to that frame (`afterData`).
 */
async function firstPaint(browser, id, name) {
  return browser.executeAsync((id, name, done) => {
    const canvas = document.getElementById('diagram');
    window.benchIpc.length = 0;
    const started = performance.now();
    document.querySelector(`#process-list li[data-process-id="${id}"]`).click();
    const poll = () => {
      if (canvas.dataset.processName === name && Number(canvas.dataset.nodesDrawn) > 0) {
        const drawnAt = Number(canvas.dataset.drawnAt);
        const opened = window.benchIpc.find((call) => call.kind === 'open');
        done({ total: drawnAt - started, afterData: opened ? drawnAt - opened.arrivedAt : NaN, bytes: opened ? window.benchIpcBytes(opened) : NaN });
      } else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }, id, name);
}

/** Paint time of each frame while alternately panning (arrow keys) and zooming (wheel). */
async function frameTimes(browser, frames) {
  return browser.executeAsync((frames, done) => {
    const canvas = document.getElementById('diagram');
    const rect = canvas.getBoundingClientRect();
    const times = [];
    let i = 0;
    const step = () => {
      if (i > 0) times.push(Number(canvas.dataset.drawMs));
      if (i === frames) return done(times);
      if (i % 2 === 0) {
        const key = ['ArrowLeft', 'ArrowDown', 'ArrowRight', 'ArrowUp'][(i / 2) % 4];
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      } else {
        const deltaY = i % 4 === 1 ? -120 : 120;
        canvas.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2, bubbles: true, cancelable: true }));
      }
      i += 1;
      // Two frames: the one that draws the change, then read its paint time.
      requestAnimationFrame(() => requestAnimationFrame(step));
    };
    step();
  }, frames);
}

/** Milliseconds from Ctrl+Z / Ctrl+Shift+Z to painting the frame that shows the rebuilt scene. */
async function editToRedraw(browser, edits) {
  return browser.executeAsync((edits, done) => {
    const canvas = document.getElementById('diagram');
    const times = [];
    const bytes = [];
    const answered = [];
    const work = [];
    let i = 0;
    const next = () => {
      if (i === edits) return done({ times, bytes, answered, work });
      const scene = canvas.dataset.scene;
      window.benchIpc.length = 0;
      const started = performance.now();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, shiftKey: i % 2 === 1, bubbles: true }));
      const poll = () => {
        if (canvas.dataset.scene !== scene) {
          // When the frame showing the edit was painted, not when this poll noticed it.
          times.push(Number(canvas.dataset.drawnAt) - started);
          // The same without the wait for the display's next frame, which no redraw can skip.
          work.push(Number(canvas.dataset.drawnAt) - started - Number(canvas.dataset.waitMs));
          const calls = window.benchIpc.filter((call) => call.kind === 'edit');
          bytes.push(calls.reduce((sum, call) => sum + window.benchIpcBytes(call), 0));
          answered.push(calls.length > 0 ? calls[0].arrivedAt - started : NaN);
          i += 1;
          setTimeout(next, 30);
        } else if (performance.now() - started > 10_000) {
          done({ error: `no redraw after edit ${i}` });
        } else {
          requestAnimationFrame(poll);
        }
      };
      requestAnimationFrame(poll);
    };
    next();
  }, edits);
}

/**
 * The floor under edit-to-redraw: milliseconds from an arrow key (a pan: no core, nothing
 * rebuilt) to painting its frame, pressed like the edits at any moment within a frame.
 */
async function keyToFrame(browser, presses) {
  return browser.executeAsync((presses, done) => {
    const canvas = document.getElementById('diagram');
    const times = [];
    let i = 0;
    const next = () => {
      if (i === presses) return done(times);
      const drawn = canvas.dataset.drawnAt;
      const started = performance.now();
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 === 0 ? 'ArrowLeft' : 'ArrowRight', bubbles: true }));
      const poll = () => {
        if (canvas.dataset.drawnAt !== drawn && Number(canvas.dataset.drawnAt) >= started) {
          times.push(Number(canvas.dataset.drawnAt) - started);
          i += 1;
          setTimeout(next, 30);
        } else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    };
    next();
  }, presses);
}

/** Makes one undoable drag of the first step found by `query`, so undo/redo have work to do. */
async function prepareEdit(browser, query) {
  await browser.keys(['Control', 'f']);
  await browser.$('#find-box-input').setValue(query);
  await browser.keys('Enter');
  await browser.waitUntil(async () => Boolean(await browser.$('#diagram').getAttribute('data-selection-box')));
  const [x, y, w, h] = (await browser.$('#diagram').getAttribute('data-selection-box')).split(',').map(Number);
  const from = { x: Math.round(x + w / 2), y: Math.round(y + h / 2) };
  await browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ ...from, origin: 'viewport' })
    .down({ button: 0 })
    .move({ x: from.x + 40, y: from.y, origin: 'viewport', duration: 50 })
    .move({ x: from.x + 80, y: from.y, origin: 'viewport', duration: 50 })
    .up({ button: 0 })
    .perform();
  await browser.waitUntil(async () => (await browser.$('#undo').getAttribute('disabled')) === null, { timeout: 10_000 });
  // The undo/redo loop starts with Ctrl+Z: leave the drag done.
}

/**
 * The same as a person sees it: from a key pressed on the X server (XTEST) to the first change of
 * the canvas's pixels there (DAMAGE), input delivery, the native menu's accelerator for Ctrl+Z
 * and WebKit's presentation included. `mode` is 'pan' (arrow keys) or 'undo' (undo/redo in turn).
 */
async function keyToScreen(browser, mode, presses) {
  await browser.$('#diagram').click();
  const [x, y, width, height, pageHeight] = await browser.execute(() => {
    const r = document.getElementById('diagram').getBoundingClientRect();
    return [r.x, r.y, r.width, r.height, window.innerHeight];
  });
  const xdotool = (...args) => execFileSync('xdotool', args, { encoding: 'utf8' }).trim();
  const appWindow = xdotool('search', '--onlyvisible', '--name', 'Flowlane').split('\n')[0];
  // The native menu bar sits above the page; the window has no frame under Xvfb.
  const top = Number(/HEIGHT=(\d+)/.exec(xdotool('getwindowgeometry', '--shell', appWindow))[1]) - pageHeight;
  const area = [x, top + y, width, height].map(Math.round);
  // Keys go to the window under the pointer.
  xdotool('mousemove', '--window', appWindow, String(area[0] + 5), String(area[1] + 5));
  const out = execFileSync(KEY_TO_SCREEN, [appWindow, ...area.map(String), String(presses), mode], { encoding: 'utf8' });
  const times = out.trim().split('\n').map(Number);
  if (times.some((t) => t < 0)) throw new Error(`the screen did not change after a key (${mode}): ${times}`);
  return times;
}

async function measure(browser, summary, query) {
  const paint = await firstPaint(browser, summary.id, summary.name);
  await browser.$('#zoom-fit').click();
  await browser.$('#diagram').click();
  const frames = await frameTimes(browser, FRAMES);
  const keys = await keyToFrame(browser, EDITS);
  await prepareEdit(browser, query);
  const edits = await editToRedraw(browser, EDITS);
  if (edits.error) throw new Error(edits.error);
  const screenPans = KEY_TO_SCREEN ? await keyToScreen(browser, 'pan', EDITS) : [NaN];
  const screenEdits = KEY_TO_SCREEN ? await keyToScreen(browser, 'undo', EDITS) : [NaN];
  return {
    paint: paint.total,
    paintAfterData: paint.afterData,
    openBytes: paint.bytes,
    framesP95: percentile(frames, 95),
    framesMedian: percentile(frames, 50),
    editP95: percentile(edits.times, 95),
    editMedian: percentile(edits.times, 50),
    editBytes: percentile(edits.bytes, 50),
    keyP95: percentile(keys, 95),
    keyMedian: percentile(keys, 50),
    workP95: percentile(edits.work, 95),
    workMedian: percentile(edits.work, 50),
    answerP95: percentile(edits.answered, 95),
    answerMedian: percentile(edits.answered, 50),
    screenPanP95: percentile(screenPans, 95),
    screenEditP95: percentile(screenEdits, 95),
    screenEditMedian: percentile(screenEdits, 50),
    memory: appMemory(APP),
  };
}

const { browser, close } = await openApp({ FLOWLANE_LIBRARY: library });
try {
  await browser.waitUntil(async () => (await browser.$$('#process-list li[data-process-id]')).length === 4, { timeout: 30_000 });
  // Once the page is up: a script run earlier may be lost to its first load.
  await watchIpc(browser);
  const summaries = await browser.execute(() =>
    [...document.querySelectorAll('#process-list li[data-process-id]')].map((li) => ({ id: li.dataset.processId, name: li.querySelector('.process-name').textContent })),
  );
  const sample = summaries.find((s) => s.name === 'Employee onboarding');
  const generatedSummary = summaries.find((s) => s.id === generated.id);
  const base = await measure(browser, sample, 'Prepare laptop');
  const heavy = await measure(browser, generatedSummary, generated.nodes.find((n) => n.kind.type === 'task').name);
  const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
  const rows = [
    ['first paint after the working copy arrived', heavy.paintAfterData, base.paintAfterData, '≤ 150 ms'],
    ['first paint after the click (IPC included)', heavy.paint, base.paint, ''],
    ['paint per frame while panning/zooming, p95', heavy.framesP95, base.framesP95, '≤ 8 ms'],
    ['single edit to redraw (undo/redo through the core), p95', heavy.editP95, base.editP95, '≤ 16 ms'],
    ['single edit to redraw, median', heavy.editMedian, base.editMedian, ''],
    ['the floor: arrow-key pan to redraw, p95', heavy.keyP95, base.keyP95, ''],
    ['the floor: arrow-key pan to redraw, median', heavy.keyMedian, base.keyMedian, ''],
    ['edit to redraw without the wait for the display, p95', heavy.workP95, base.workP95, '≤ 16 ms'],
    ['edit to redraw without the wait for the display, median', heavy.workMedian, base.workMedian, ''],
    ['of which until the core answered, p95', heavy.answerP95, base.answerP95, ''],
    ['of which until the core answered, median', heavy.answerMedian, base.answerMedian, ''],
    ...(KEY_TO_SCREEN
      ? [
          ['on the X screen: arrow-key pan, key to changed pixels, p95', heavy.screenPanP95, base.screenPanP95, ''],
          ['on the X screen: undo/redo (Ctrl held), key to changed pixels, p95', heavy.screenEditP95, base.screenEditP95, ''],
          ['on the X screen: undo/redo, median', heavy.screenEditMedian, base.screenEditMedian, ''],
        ]
      : []),
  ];
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const lines = [
    `Editor in the real app (${path.basename(path.dirname(APP))} build, WebKitGTK under Xvfb), ${NODES}-node process with ${LANES} lanes vs the 23-node onboarding sample:`,
    '',
    `| measure | ${NODES} nodes | sample | ratio | target |`,
    '|---|---|---|---|---|',
    ...rows.map(([name, h, b, target]) => `| ${name} | ${h.toFixed(1)} ms | ${b.toFixed(1)} ms | ${ratio(h, b)} | ${target} |`),
    `| IPC per edit (undo/redo answer, median) | ${heavy.editBytes} bytes | ${base.editBytes} bytes | | patch only |`,
    `| IPC to open (the definition, once) | ${kib(heavy.openBytes)} | ${kib(base.openBytes)} | | |`,
    `| memory, app + web process (RSS) | ${heavy.memory.app.rss.toFixed(0)} + ${heavy.memory.web.rss.toFixed(0)} MiB | ${base.memory.app.rss.toFixed(0)} + ${base.memory.web.rss.toFixed(0)} MiB | | see benches/memory.mjs |`,
  ];
  const report = lines.join('\n');
  console.log(report);
  writeFileSync(path.join(SHOTS, '..', 'bench-editor.md'), `${report}\n`);
} finally {
  await close();
}
