// File ▸ Export in the real app: the top-bar menu, the platform's own save dialog (answered with
// xdotool under Xvfb, as a person would type a file name), and the files the core writes.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, openProcess, sampleLibrary, screenshot } from './session.mjs';

let app;
const outDir = mkdtempSync(path.join(os.tmpdir(), 'flowlane-export-'));

before(async () => {
  app = await openApp({ FLOWLANE_LIBRARY: sampleLibrary() });
});

after(async () => {
  await app?.close();
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the GTK save dialog, types `file` as its name and saves. */
async function answerSaveDialog(file) {
  let window = '';
  for (let i = 0; i < 100 && !window; i++) {
    try {
      window = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Save'], { encoding: 'utf8' }).trim().split('\n')[0];
    } catch {
      await sleep(100);
    }
  }
  assert.ok(window, 'the save dialog opened');
  // No window manager under Xvfb: give the dialog the keyboard directly.
  execFileSync('xdotool', ['windowfocus', '--sync', window]);
  execFileSync('xdotool', ['key', 'ctrl+a']);
  execFileSync('xdotool', ['type', '--delay', '5', file]);
  execFileSync('xdotool', ['key', 'Return']);
}

async function exportAs(browser, format, file) {
  await browser.$('#export-toggle').click();
  await browser.$(`#export-list [data-format="${format}"]`).click();
  await answerSaveDialog(file);
  await browser.waitUntil(async () => (await browser.$('#status-text').getText()).endsWith(`to ${file}`), {
    timeout: 20_000,
    timeoutMsg: `exporting ${format} never reported ${file}`,
  });
}

test('the Export menu offers SVG, PNG, Markdown, HTML and BPMN for the version on the canvas', async () => {
  const { browser } = app;
  await openProcess(browser, 'Accounts payable');
  const toggle = await browser.$('#export-toggle');
  assert.equal(await toggle.isEnabled(), true, 'enabled once a version is shown');
  await toggle.click();
  await browser.waitUntil(async () => (await browser.$('#export-list').getAttribute('hidden')) === null, {
    timeout: 10_000,
    timeoutMsg: 'the export menu did not open',
  });
  const formats = await browser.execute(() =>
    [...document.querySelectorAll('#export-list [role=menuitem]')].map((item) =>
      item.dataset.engine ? `${item.dataset.format}:${item.dataset.engine}` : item.dataset.format,
    ),
  );
  assert.deepEqual(formats, [
    'svg',
    'png',
    'markdown',
    'html',
    'bpmn',
    'bpmn:spiffworkflow',
    'bpmn:camunda8',
    'bpmn:camunda7',
    'bpmn:bpmn-engine',
  ]);
  screenshot('export-menu');
  await browser.keys('Escape');
});

test('the HTML handbook and the PNG are written where the save dialog says', async () => {
  const { browser } = app;
  const html = path.join(outDir, 'payables.html');
  await exportAs(browser, 'html', html);
  const page = readFileSync(html, 'utf8');
  assert.ok(page.startsWith('<!DOCTYPE html>'), page.slice(0, 80));
  assert.ok(page.includes('Accounts payable — process handbook') && page.includes('<svg xmlns'));
  assert.ok(page.includes('Add CFO approval tier'), 'the version history is in it');

  const png = path.join(outDir, 'payables.png');
  await exportAs(browser, 'png', png);
  assert.deepEqual([...readFileSync(png).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.deepEqual(readdirSync(outDir).sort(), ['payables.html', 'payables.png'], 'no temporary file is left');
});
