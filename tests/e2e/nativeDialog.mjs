// The native GTK file dialogs, answered as a person would under Xvfb: with xdotool.

import { execFileSync, spawnSync } from 'node:child_process';

export function xdotool(...args) {
  return execFileSync('xdotool', args, { encoding: 'utf8' }).trim();
}

function dialogShown(title) {
  return spawnSync('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`]).status === 0;
}

function pause(ms) {
  execFileSync('sleep', [String(ms / 1000)]);
}

/**
 * Types `file` into the native file dialog titled `title` and confirms it. GTK's open dialog takes
 * a typed path only once its location field has appeared (Ctrl+L), and may drop keys typed while it
 * appears: while the dialog stays up, the path is typed again.
 */
export function answerDialog(title, file) {
  const dialog = xdotool('search', '--sync', '--onlyvisible', '--name', `^${title}$`).split('\n')[0];
  for (let attempt = 0; attempt < 3 && dialogShown(title); attempt += 1) {
    xdotool('windowfocus', '--sync', dialog);
    xdotool('key', '--clearmodifiers', 'ctrl+l');
    pause(400);
    // The name field holds a proposed name: replace it.
    xdotool('key', '--clearmodifiers', 'ctrl+a');
    xdotool('type', '--delay', '30', file);
    pause(400);
    xdotool('key', 'Return');
    pause(1500);
  }
}
