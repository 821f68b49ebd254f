// The real app's menu bar and library switcher: File ▸ New library… (through the native save
// dialog) opens a new library with the samples, Recent libraries brings the first one back with
// its draft kept, a damaged file picked in File ▸ Open library… leaves the open library as it was,
// and Help ▸ About names the version, commit, library format and folders. Native menus are out of
// WebDriver's reach: the test chooses items through `menu_select`, which sends the window the
// same event a click does, and answers the native file dialogs with xdotool under Xvfb.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, openProcess, ROOT, screenshot } from './session.mjs';
import { keys } from './gestures.mjs';

let app;
const home = mkdtempSync(path.join(os.tmpdir(), 'flowlane-e2e-libraries-'));
const first = path.join(home, 'first.flowlane');
const second = path.join(home, 'second.flowlane');
const damaged = path.join(home, 'damaged.flowlane');
const settings = path.join(home, 'data', 'flowlane', 'settings.json');

before(async () => {
  // Settings go to a data folder of the test's own, never the user's.
  app = await openApp({ FLOWLANE_LIBRARY: first, XDG_DATA_HOME: path.join(home, 'data') });
});

after(async () => {
  await app?.close();
});

/** Chooses the menu item `id` as a click on it does. */
async function choose(browser, id) {
  await browser.execute((item) => window.__TAURI__.core.invoke('menu_select', { id: item }), id);
}

function xdotool(...args) {
  return execFileSync('xdotool', args, { encoding: 'utf8' }).trim();
}

/** Types `file` into the native file dialog titled `title` and confirms it. */
function answerDialog(title, file) {
  const dialog = xdotool('search', '--sync', '--name', `^${title}$`).split('\n')[0];
  xdotool('windowfocus', '--sync', dialog);
  // The name field holds a proposed name: replace it (an open dialog takes a path typed anywhere).
  xdotool('key', '--clearmodifiers', 'ctrl+a');
  xdotool('type', '--delay', '20', file);
  xdotool('key', 'Return');
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

  // An edit in the first library: Prepare laptop deleted, autosaved as a draft.
  await openProcess(browser, 'Employee onboarding');
  await keys(browser, ['Control', 'f']);
  await browser.$('#find-box-input').setValue('Prepare laptop');
  await browser.keys('Enter');
  await browser.$('#diagram').click();
  const total = Number(await browser.$('#diagram').getAttribute('data-nodes-total'));
  await keys(browser, ['Delete']);
  await browser.waitUntil(async () => Number(await browser.$('#diagram').getAttribute('data-nodes-total')) === total - 1, {
    timeout: 10_000,
    timeoutMsg: 'Delete did not remove the selected step',
  });

  // The File menu opened on the X screen (Alt+F), for the record.
  const main = xdotool('search', '--name', '^Flowlane').split('\n')[0];
  xdotool('windowfocus', '--sync', main);
  xdotool('key', 'alt+f');
  await new Promise((r) => setTimeout(r, 700));
  await screenshot(browser, 'menu-file');
  xdotool('key', 'Escape');

  // File ▸ New library…: the save dialog, then the window starts again on the new library.
  await choose(browser, 'item/new-library');
  answerDialog('New library', second);
  await libraryShown(browser, second);
  assert.deepEqual(await draftsListed(browser), [], 'the new library has no drafts');
  assert.ok(existsSync(second));
  await screenshot(browser, 'library-new');

  // Recent libraries: the new one first, then the first library.
  const recent = JSON.parse(readFileSync(settings, 'utf8')).recent_libraries;
  assert.deepEqual(recent, [second, first]);
  await choose(browser, 'recent/1');
  await libraryShown(browser, first);
  assert.deepEqual(await draftsListed(browser), ['Employee onboarding'], 'the draft waited in the first library');
  await openProcess(browser, 'Employee onboarding');
  await browser.waitUntil(async () => Number(await browser.$('#diagram').getAttribute('data-nodes-total')) === total - 1, {
    timeout: 10_000,
    timeoutMsg: 'the reopened draft does not hold the deletion',
  });

  // File ▸ Open library… on a damaged file: a clear error, the first library stays open.
  writeFileSync(damaged, 'SQLite format 3\0 and then nothing');
  await choose(browser, 'item/open-library');
  answerDialog('Open library', damaged);
  await browser.waitUntil(async () => (await browser.$('#error-banner').getText()).includes('damaged.flowlane'), {
    timeout: 20_000,
    timeoutMsg: 'no error named the damaged library',
  });
  const banner = await browser.$('#error-banner').getText();
  assert.match(banner, /stays open/);
  assert.equal(await browser.$('#library-path').getAttribute('title'), first);
  assert.equal(readFileSync(damaged, 'utf8'), 'SQLite format 3\0 and then nothing', 'the damaged file was changed');
  await screenshot(browser, 'library-refused');

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
  await screenshot(browser, 'about');
});
