// The installed /usr/bin/flowlane-app (FLOWLANE_APP, set by tests/installed/run.sh) started with a
// fresh HOME and no FLOWLANE_LIBRARY, as from the launcher: it creates the default library with
// the samples, lists them and draws one; the installed CLI then reads that library.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP, CLI, ROOT, openApp, openProcess, screenshot } from '../e2e/session.mjs';

// run.sh asks the installed app's --help (no window) whether it takes a file on its command line.
const takesFiles = process.env.FLOWLANE_APP_TAKES_FILES === '1';
const library = path.join(os.homedir(), '.local', 'share', 'flowlane', 'library.flowlane');
// The launcher's data folder, not the temporary one end-to-end tests get by default.
const launcher = { XDG_DATA_HOME: path.join(os.homedir(), '.local', 'share') };
let app;

before(async () => {
  assert.equal(APP, '/usr/bin/flowlane-app', 'run through tests/installed/run.sh');
  assert.equal(process.env.FLOWLANE_LIBRARY, undefined, 'the default library is used');
  assert.ok(!existsSync(library), `${library} does not exist before the first start`);
  app = await openApp(launcher);
});

after(async () => {
  await app?.close();
});

test('the installed app creates the default library with the samples and draws one', async () => {
  const { browser } = app;
  await browser.waitUntil(async () => (await browser.$$('#process-list li[data-process-id]')).length === 3, {
    timeout: 30_000,
    timeoutMsg: 'the process list never showed 3 processes',
  });
  const listed = await browser.execute(() =>
    [...document.querySelectorAll('#process-list li[data-process-id]')].map((li) => li.textContent),
  );
  for (const name of ['Accounts payable', 'Contract review', 'Employee onboarding']) {
    assert.ok(listed.some((text) => text.includes(name)), `${name} is listed in ${JSON.stringify(listed)}`);
  }
  await openProcess(browser, 'Employee onboarding');
  const diagram = await browser.$('#diagram');
  assert.equal(Number(await diagram.getAttribute('data-nodes-total')), 26);
  assert.ok(Number(await diagram.getAttribute('data-nodes-drawn')) > 0, 'some nodes are on screen');
  screenshot('installed-onboarding');
  // The launcher ties the window to Flowlane.desktop by StartupWMClass=flowlane-app.
  const windows = execFileSync('xdotool', ['search', '--classname', '^flowlane-app$'], { encoding: 'utf8' });
  assert.ok(windows.trim().length > 0, 'a window whose WM_CLASS is flowlane-app');

  assert.ok(existsSync(library), `the app created ${library}`);
  // No --library: the CLI finds the same default library the app made.
  const cli = execFileSync(CLI, ['list'], { encoding: 'utf8' });
  assert.equal(cli.trim().split('\n').length, 1 + 3, `a header and the three samples: ${cli}`);
  assert.match(cli, /Employee onboarding/);
});

test(
  'a .bpmn given on the command line, as the file manager gives it, is imported into the library',
  { skip: takesFiles ? false : 'this flowlane-app does not take a file on its command line (its --help names no FILE)' },
  async () => {
    await app.close();
    app = await openApp(launcher, [path.join(ROOT, 'tests', 'fixtures', 'bpmn', 'invoice-check.bpmn')]);
    const { browser } = app;
    await browser.waitUntil(
      async () => {
        // The app's import flow asks first only when it has something to say (warnings, a match).
        const ask = await browser.$('#form-dialog [data-answer="import"]');
        if (await ask.isDisplayed().catch(() => false)) await ask.click();
        const names = await browser.execute(() =>
          [...document.querySelectorAll('#process-list li[data-process-id]')].map((li) => li.textContent),
        );
        return names.length === 4 && names.some((text) => text.includes('Invoice check'));
      },
      { timeout: 30_000, timeoutMsg: 'Invoice check never joined the three samples in the process list' },
    );
    screenshot('installed-imported-bpmn');
    const cli = execFileSync(CLI, ['list'], { encoding: 'utf8' });
    assert.match(cli, /Invoice check/);
  },
);
