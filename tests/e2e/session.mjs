// Starts the real Flowlane app through tauri-driver (which drives WebKitWebDriver) and hands back
// a WebdriverIO browser. Always call `close()`: tauri-driver is stopped with SIGTERM so it can stop
// WebKitWebDriver and the app; a SIGKILL would orphan them and keep the test run's pipes open. The
// driver leads a process group of its own, so an app it leaves behind (seen on a loaded machine) is
// stopped with the group instead of holding the run open.

import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target');
// FLOWLANE_APP / FLOWLANE_CLI / FLOWLANE_SHOTS: the installed-app test drives /usr/bin's binaries.
export const APP = process.env.FLOWLANE_APP ?? path.join(TARGET, 'debug', 'flowlane-app');
export const CLI = process.env.FLOWLANE_CLI ?? path.join(TARGET, 'debug', 'flowlane');
export const SHOTS = process.env.FLOWLANE_SHOTS ?? path.join(TARGET, 'e2e');

/**
 * `count` distinct free ports. Every listener stays open until all are known: one closed
 * before the next is asked for can be handed out again, and tauri-driver and WebKitWebDriver
 * on the same port fail the run.
 */
async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(() => resolve()))));
  }
}

async function waitForPort(port, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/**
 * Opens the app with `env` added to its environment (e.g. FLOWLANE_LIBRARY) and `args` on its
 * command line. Its data folder (the settings with the recent libraries) is a temporary one unless
 * `env` names XDG_DATA_HOME, so a test run never changes the user's own. `application` is the
 * binary to start (another Tauri app, such as the memory benchmark's blank window).
 */
export async function openApp(env = {}, args = [], application = APP) {
  const [port, nativePort] = await freePorts(2);
  const data = mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-data-'));
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, XDG_DATA_HOME: data, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stopGroup = () => {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // The group is already gone: nothing was left behind.
    }
  };
  const stopDriver = async () => {
    if (driver.exitCode === null) driver.kill('SIGTERM');
    await new Promise((resolve) => (driver.exitCode !== null ? resolve() : driver.once('exit', resolve)));
    stopGroup();
  };
  try {
    await waitForPort(port, driver);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      capabilities: {
        browserName: 'wry',
        'tauri:options': { application, args },
        'wdio:enforceWebDriverClassic': true,
      },
    });
    const close = async () => {
      await browser.deleteSession().catch(() => {});
      await stopDriver();
    };
    // The data folder, for a restart that must find what the webview kept (the last process).
    return { browser, close, data: env.XDG_DATA_HOME ?? data };
  } catch (err) {
    await stopDriver();
    throw err;
  }
}

/**
 * Saves what the X screen shows: the whole window as the user sees it. WebKit's own snapshot
 * (WebDriver's screenshot) never answers once compositing is off, as the app runs it
 * (src-tauri/src/rendering.rs); so the tests run under Xvfb, where `import` grabs the screen.
 */
export function screenshot(name) {
  mkdirSync(SHOTS, { recursive: true });
  execFileSync('import', ['-window', 'root', path.join(SHOTS, `${name}.png`)]);
}

/** A new library with the samples, in a temp folder of its own. */
export function sampleLibrary() {
  const library = path.join(mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-')), 'library.flowlane');
  execFileSync(CLI, ['--library', library, 'init', '--samples']);
  return library;
}

/** Runs the `flowlane` CLI on `library` and returns its standard output. */
export function flowlane(library, ...args) {
  return execFileSync(CLI, ['--library', library, ...args], { encoding: 'utf8' });
}

/** Clicks the process called `name` in the sidebar and waits until the canvas has drawn it. */
export async function openProcess(browser, name) {
  await browser.waitUntil(async () => (await browser.$$('#process-list li[data-process-id]')).length > 0, {
    timeout: 20_000,
    timeoutMsg: 'the process list stayed empty',
  });
  const id = await browser.execute(
    (wanted) =>
      [...document.querySelectorAll('#process-list li[data-process-id]')].find((li) =>
        li.textContent.includes(wanted),
      )?.dataset.processId,
    name,
  );
  if (!id) throw new Error(`${name} is not in the process list`);
  await browser.$(`#process-list li[data-process-id="${id}"]`).click();
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-process-name')) === name, {
    timeout: 20_000,
    timeoutMsg: `selecting ${name} never drew it`,
  });
}

/**
 * Opens the sample process `name` in Reality and waits until the panel lists the synthetic log
 * the sample ships with (chosen, as the newest, and being checked).
 */
export async function openReality(browser, name) {
  await openProcess(browser, name);
  const reality = await browser.$('#reality-open');
  await reality.waitForEnabled({ timeout: 20_000 });
  await reality.click();
  await browser.$('#reality-panel').waitForDisplayed({ timeout: 10_000 });
  const logs = () => browser.execute(() => document.querySelector('.reality-logs')?.textContent ?? '');
  await browser.waitUntil(async () => /Synthetic log/.test(await logs()), {
    timeout: 20_000,
    timeoutMsg: "the sample's stored log was not listed",
  });
}
