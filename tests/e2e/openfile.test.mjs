// Files from outside in the real app: `flowlane-app FILE.bpmn` opens the import dialog and imports
// it; `flowlane-app --compare OLD NEW` opens the compare view on two files; a missing file or a
// `.flowlane` that is no library is said in the window and nothing is written; a second launch
// hands its file to the running window over D-Bus and ends.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP, ROOT, flowlane, openApp, sampleLibrary, screenshot } from './session.mjs';

const CORPUS = path.join(ROOT, '..', 'shared', 'bpmn-corpus', 'reference');

/** Starts the app; closed when test `t` ends. */
async function start(t, env, args) {
  const app = await openApp(env, args);
  t.after(() => app.close());
  return app;
}

/** Waits for the import dialog and returns the name it imports. */
async function importDialog(browser) {
  const importButton = await browser.$('#form-dialog [data-answer="import"]');
  await importButton.waitForDisplayed({ timeout: 20_000, timeoutMsg: 'the import dialog never opened' });
  const text = await browser.$('#form-dialog').getText();
  const title = await browser.$('#form-dialog .modal-title').getText();
  const name = /^Import (.+)$/.exec(title)?.[1]?.trim();
  assert.ok(name, `the dialog names the process: ${title}`);
  return { importButton, text, name };
}

/** Clicks Import and waits until the imported process is drawn. */
async function importAndOpen(browser, importButton, name) {
  await importButton.click();
  await browser.waitUntil(async () => (await browser.$('#diagram').getAttribute('data-process-name')) === name, {
    timeout: 20_000,
    timeoutMsg: `the imported ${name} was never drawn`,
  });
}

test('a .bpmn file on the command line opens the import dialog and imports it', async (t) => {
  const library = sampleLibrary();
  const file = path.join(CORPUS, 'A.2.0.bpmn');
  const { browser } = await start(t, { FLOWLANE_LIBRARY: library }, [file]);
  const { importButton, text, name } = await importDialog(browser);
  assert.match(text, /imports as a new process/);
  assert.ok(text.includes(file), `the dialog says where the file is: ${text}`);
  assert.doesNotMatch(flowlane(library, 'list'), new RegExp(name), 'nothing is stored before Import');
  screenshot('openfile-import-dialog');
  await importAndOpen(browser, importButton, name);
  assert.match(flowlane(library, 'list'), new RegExp(name), 'the library holds the import');
  screenshot('openfile-imported');
});

test('--compare OLD NEW opens the compare view on two BPMN files, read-only', async (t) => {
  const library = sampleLibrary();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowlane-compare-'));
  const [old, now] = [1, 2].map((n) => {
    const file = path.join(dir, `payable-v${n}.bpmn`);
    flowlane(library, 'export', 'Accounts payable', '--version', String(n), '--format', 'bpmn', '-o', file);
    return file;
  });
  const before = flowlane(library, 'list');
  const { browser } = await start(t, { FLOWLANE_LIBRARY: library }, ['--compare', old, now]);
  const diagram = await browser.$('#diagram');
  await browser.waitUntil(async () => (await diagram.getAttribute('data-mode')) === 'compare', {
    timeout: 20_000,
    timeoutMsg: 'compare mode never started',
  });
  await browser.waitUntil(async () => (await browser.$$('#change-list [data-change-status]')).length > 0, {
    timeout: 10_000,
    timeoutMsg: 'the change list stayed empty',
  });
  const added = await browser.execute(() =>
    [...document.querySelectorAll('#change-list [data-change-status="added"]')].map((row) => row.textContent),
  );
  for (const name of ['CFO approval', 'Executive approval']) {
    assert.ok(added.some((text) => text.includes(name)), `${name} is listed as added: ${JSON.stringify(added)}`);
  }
  const chips = await browser.execute(() => [...document.querySelectorAll('.compare-chip')].map((c) => c.textContent));
  assert.deepEqual(chips, ['payable-v1.bpmn', 'payable-v2.bpmn']);
  assert.ok(Number(await diagram.getAttribute('data-decorated')) > 0, 'the overlay colours the changes');
  screenshot('openfile-compare-files');

  await browser.$('#exit-compare').click();
  await browser.waitUntil(async () => (await diagram.getAttribute('data-mode')) !== 'compare', {
    timeout: 10_000,
    timeoutMsg: 'Exit compare did not leave the comparison',
  });
  assert.equal(flowlane(library, 'list'), before, 'comparing files stores nothing');
});

test('a .flowlane that is no library is said in the window; nothing is written', async (t) => {
  const library = sampleLibrary();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowlane-refused-'));
  const fake = path.join(dir, 'notes.flowlane');
  writeFileSync(fake, 'shopping list\n');
  const { browser } = await start(t, { FLOWLANE_LIBRARY: library }, [fake]);
  const banner = await browser.$('#error-banner');
  await banner.waitForDisplayed({ timeout: 20_000, timeoutMsg: 'no message about the file' });
  const said = await banner.getText();
  assert.match(said, /notes\.flowlane is not a Flowlane library/);
  assert.match(said, /The library open before stays open/);
  assert.equal(readFileSync(fake, 'utf8'), 'shopping list\n', 'the file is left as it was');
  await browser.waitUntil(async () => (await browser.$$('#process-list li[data-process-id]')).length > 0, {
    timeout: 10_000,
    timeoutMsg: 'the library of FLOWLANE_LIBRARY was not shown instead',
  });
  screenshot('openfile-not-a-library');
});

test('a second launch hands its file to the running window and ends', async (t) => {
  const bus = await sessionBus(t);
  const library = sampleLibrary();
  const env = { FLOWLANE_LIBRARY: library, DBUS_SESSION_BUS_ADDRESS: bus };
  const { browser } = await start(t, env, []);
  await browser.waitUntil(async () => (await browser.$$('#process-list li[data-process-id]')).length > 0, {
    timeout: 20_000,
    timeoutMsg: 'the first window never listed the library',
  });
  const file = path.join(CORPUS, 'A.1.0.bpmn');
  const second = spawn(APP, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  second.stderr.on('data', (chunk) => (errors += chunk));
  const status = await new Promise((resolve) => second.on('exit', (code) => resolve(code)));
  assert.equal(status, 0, `the second launch handed over and ended: ${errors}`);
  const { importButton, text, name } = await importDialog(browser);
  assert.ok(text.includes(file), `the first window imports the second launch's file: ${text}`);
  screenshot('openfile-second-launch');
  await importAndOpen(browser, importButton, name);
  assert.match(flowlane(library, 'list'), new RegExp(name));

  // A missing file handed over: said in the running window.
  const missing = path.join(os.tmpdir(), 'flowlane-no-such-file.bpmn');
  const third = spawn(APP, [missing], { env: { ...process.env, ...env }, stdio: 'ignore' });
  assert.equal(await new Promise((resolve) => third.on('exit', resolve)), 0);
  const banner = await browser.$('#error-banner');
  await banner.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no message about the missing file' });
  assert.match(await banner.getText(), /There is no file at .*flowlane-no-such-file\.bpmn/);

  // Another library handed over: the running window starts again on it.
  const other = sampleLibrary();
  const fourth = spawn(APP, [other], { env: { ...process.env, ...env }, stdio: 'ignore' });
  assert.equal(await new Promise((resolve) => fourth.on('exit', resolve)), 0);
  await browser.waitUntil(async () => (await browser.$('#library-path').getAttribute('title')) === other, {
    timeout: 20_000,
    timeoutMsg: 'the window never showed the library handed over',
  });
  await browser.waitUntil(async () => (await browser.$$('#process-list li[data-process-id]')).length === 3, {
    timeout: 10_000,
    timeoutMsg: 'the other library\'s samples were not listed',
  });
  assert.doesNotMatch(flowlane(other, 'list'), new RegExp(name), 'the other library is as it was');
  screenshot('openfile-second-launch-library');
});

/** A D-Bus session bus of this test's own (the single-instance hand-over needs one). */
async function sessionBus(t) {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Ended with the test, as the app is; by then nothing is handed over any more.
  t.after(() => daemon.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    daemon.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    daemon.on('exit', (code) => reject(new Error(`dbus-daemon ended with ${code}`)));
  });
}
