// The real app's menu bar and library switcher: File ▸ New library… (through the native save
// dialog) opens a new library with the samples, Recent libraries brings the first one back with
// its draft kept, a library from a newer Flowlane picked in File ▸ Open library… leaves the open library as it was,
// and Help ▸ About names the version, commit, library format and folders. Native menus are out of
// WebDriver's reach: the test chooses items through `menu_select`, which sends the window the
// same event a click does, and answers the native file dialogs with xdotool under Xvfb.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, openProcess, ROOT, screenshot } from './session.mjs';
import { keys, waitForState } from './gestures.mjs';
import { answerDialog, xdotool } from './nativeDialog.mjs';

let app;
const home = mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-libraries-'));
const first = path.join(home, 'first.flowlane');
const second = path.join(home, 'second.flowlane');
const newer = path.join(home, 'newer.flowlane');
const settings = path.join(home, 'data', 'flowlane', 'settings.json');

before(async () => {
  // Settings go to a data folder of the test's own, never the user's.
  app = await openApp({ FLOWLANE_LIBRARY: first, XDG_DATA_HOME: path.join(home, 'data') });
});

after(async () => {
  await app?.close();
});

/**
 * Chooses the menu item `id` as a click on it does. The script does not wait for the answer: an
 * item that switches libraries reloads the page before it comes.
 */
async function choose(browser, id) {
  await browser.execute((item) => {
    void window.__TAURI__.core.invoke('menu_select', { id: item });
  }, id);
}

/** The start of a library written by a newer Flowlane: SQLite's header, Flowlane's id, format 999. */
function newerLibrary() {
  const bytes = Buffer.alloc(8192);
  bytes.write('SQLite format 3\0', 0, 'latin1');
  bytes.writeUInt32BE(999, 60);
  bytes.writeUInt32BE(0x466c774c, 68);
  return bytes;
}

async function nodes(browser) {
  return Number(await browser.$('#diagram').getAttribute('data-nodes-total'));
}

/** Finds the step `name`, cuts it with Ctrl+X (it takes what hangs on it along); the steps left. */
async function cut(browser, name, before) {
  await keys(browser, ['Control', 'f']);
  await browser.$('#find-box-input').setValue(name);
  await browser.keys('Enter');
  await waitForState(browser, (s) => s.selected !== '', `find did not select ${name}`);
  await browser.execute(() => document.getElementById('diagram').focus());
  await keys(browser, ['Control', 'x']);
  await browser.waitUntil(async () => (await nodes(browser)) < before, {
    timeout: 10_000,
    timeoutMsg: `Ctrl+X did not cut ${name}`,
  });
  return nodes(browser);
}

async function libraryShown(browser, file) {
  await browser.waitUntil(async () => (await browser.$('#library-path').getAttribute('title')) === file, {
    timeout: 30_000,
    timeoutMsg: `the window never showed ${file}`,
  });
  await browser.waitUntil(async () => (await browser.$$('#process-list li[data-process-id]')).length === 3, {
    timeout: 20_000,
    timeoutMsg: `${file} did not list the three samples`,
  });
}

async function draftsListed(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('#process-list li[data-process-id]')]
      .filter((li) => li.querySelector('.draft'))
      .map((li) => li.querySelector('.process-name').textContent),
  );
}

test('switching to a new library and back keeps the draft; About names the build', async () => {
  const { browser } = app;
  await libraryShown(browser, first);

  // Two cuts in the first library (Ctrl+X), then one undo typed on the X screen: the key goes
  // to the Edit menu's accelerator, and the page must not undo a second time.
  await openProcess(browser, 'Employee onboarding');
  const total = await nodes(browser);
  const afterFirst = await cut(browser, 'Prepare laptop', total);
  await cut(browser, 'Issue building badge', afterFirst);
  const main = xdotool('search', '--onlyvisible', '--name', 'Flowlane$').split('\n')[0];
  xdotool('windowfocus', '--sync', main);
  xdotool('key', '--clearmodifiers', 'ctrl+z');
  await browser.waitUntil(async () => (await nodes(browser)) === afterFirst, {
    timeout: 10_000,
    timeoutMsg: 'Ctrl+Z did not undo the second cut',
  });
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await nodes(browser), afterFirst, 'Ctrl+Z undid more than one step');

  // In a text field the same keys edit its text, not the process: Cut, then Paste, put it back.
  await keys(browser, ['Control', 'f']);
  const field = await browser.$('#find-box-input');
  await field.setValue('Assign desk');
  xdotool('key', '--clearmodifiers', 'ctrl+a');
  xdotool('key', '--clearmodifiers', 'ctrl+x');
  await browser.waitUntil(async () => (await field.getValue()) === '', { timeout: 5_000, timeoutMsg: 'Ctrl+X did not cut the text' });
  xdotool('key', '--clearmodifiers', 'ctrl+v');
  await browser.waitUntil(async () => (await field.getValue()) === 'Assign desk', { timeout: 5_000, timeoutMsg: 'Ctrl+V did not paste the text' });
  assert.equal(await nodes(browser), afterFirst, 'editing the text changed the process');
  await browser.keys('Escape');

  // The File and Edit menus opened on the X screen (Alt+F, then →), for the record.
  xdotool('key', 'alt+f');
  await new Promise((r) => setTimeout(r, 700));
  screenshot('menu-file');
  xdotool('key', 'Right');
  await new Promise((r) => setTimeout(r, 700));
  screenshot('menu-edit');
  xdotool('key', 'Escape');
  xdotool('key', 'Escape');

  // File ▸ New library…: the save dialog, then the window starts again on the new library.
  await choose(browser, 'item/new-library');
  answerDialog('New library', second);
  await libraryShown(browser, second);
  assert.deepEqual(await draftsListed(browser), [], 'the new library has no drafts');
  assert.ok(existsSync(second));
  screenshot('library-new');

  // Recent libraries: the new one first, then the first library.
  const recent = JSON.parse(readFileSync(settings, 'utf8')).recent_libraries;
  assert.deepEqual(recent, [second, first]);
  await choose(browser, 'recent/1');
  await libraryShown(browser, first);
  assert.deepEqual(await draftsListed(browser), ['Employee onboarding'], 'the draft waited in the first library');
  await openProcess(browser, 'Employee onboarding');
  await browser.waitUntil(async () => (await nodes(browser)) === afterFirst, {
    timeout: 10_000,
    timeoutMsg: 'the reopened draft does not hold the first cut alone',
  });

  // File ▸ Open library… on a library from a newer Flowlane: a clear error, the first stays open.
  writeFileSync(newer, newerLibrary());
  const before = readFileSync(newer);
  await choose(browser, 'item/open-library');
  answerDialog('Open library', newer);
  await browser.waitUntil(async () => (await browser.$('#error-banner').getText()).includes('newer.flowlane'), {
    timeout: 20_000,
    timeoutMsg: 'no error named the newer library',
  });
  const banner = await browser.$('#error-banner').getText();
  assert.match(banner, /newer Flowlane/);
  assert.match(banner, /stays open/);
  assert.equal(await browser.$('#library-path').getAttribute('title'), first);
  assert.deepEqual(readFileSync(newer), before, 'the newer library was changed');
  screenshot('library-refused');

  // Help ▸ About.
  await choose(browser, 'item/about');
  await browser.waitUntil(async () => (await browser.$('#form-dialog .modal-title').getText()) === 'About Flowlane', {
    timeout: 10_000,
    timeoutMsg: 'the About box did not open',
  });
  const facts = await browser.execute(() => {
    const terms = [...document.querySelectorAll('#form-dialog .modal-facts dt')].map((dt) => dt.textContent);
    const values = [...document.querySelectorAll('#form-dialog .modal-facts dd')].map((dd) => dd.textContent);
    return Object.fromEntries(terms.map((term, i) => [term, values[i]]));
  });
  const cargo = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  assert.match(facts.Version, /^\d+\.\d+\.\d+/);
  assert.ok(cargo.includes(`version = "${facts.Version}"`), `Cargo.toml has version ${facts.Version}`);
  assert.match(facts.Commit, /^([0-9a-f]{12}|unknown)$/);
  assert.match(facts['Library format'], /^\d+$/);
  assert.equal(facts['Data folder'], path.join(home, 'data', 'flowlane'));
  assert.equal(facts.Library, first);
  screenshot('about');
});
