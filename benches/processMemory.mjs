// Memory of a running app and the WebKit processes it started, read from /proc: the app is
// found by its executable, its web and network processes as its descendants, so two apps (or a
// browser) running beside it are never counted.

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** pid → parent pid of every process that can be read. */
function parents() {
  const map = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name sits in parentheses and may hold spaces: the fields follow the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      map.set(Number(entry), Number(fields[1]));
    } catch {
      // Gone between listing and reading.
    }
  }
  return map;
}

function exe(pid) {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return '';
  }
}

/** Kilobytes of `field` (Pss, Rss) in /proc/PID/smaps_rollup. */
function rollup(pid, field) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** What kind of process a descendant of the app is, by its executable's name. */
function role(pid) {
  const name = exe(pid).split('/').pop() ?? '';
  if (name.startsWith('WebKitWebProcess')) return 'web';
  if (name.startsWith('WebKitNetworkProcess')) return 'network';
  return 'other';
}

/**
 * MiB of proportional set size (PSS) and resident set size (RSS) of the app running `binary`
 * and of its web, network and other descendant processes; null when the app is not running.
 */
export function appMemory(binary) {
  const wanted = path.resolve(binary);
  const tree = parents();
  const app = [...tree.keys()].find((pid) => exe(pid) === wanted);
  if (app === undefined) return null;
  const groups = { app: [app], web: [], network: [], other: [] };
  const below = (pid) => [...tree].filter(([, parent]) => parent === pid).map(([child]) => child);
  const queue = below(app);
  while (queue.length > 0) {
    const pid = queue.shift();
    groups[role(pid)].push(pid);
    queue.push(...below(pid));
  }
  const sum = (pids, field) => pids.reduce((total, pid) => total + rollup(pid, field), 0) / 1024;
  const figures = {};
  for (const [name, pids] of Object.entries(groups)) {
    figures[name] = { pss: sum(pids, 'Pss'), rss: sum(pids, 'Rss'), count: pids.length };
  }
  const all = Object.values(groups).flat();
  figures.total = { pss: sum(all, 'Pss'), rss: sum(all, 'Rss'), count: all.length };
  return figures;
}

/**
 * Waits until the app's total PSS stops moving (two readings a second apart within 1 MiB, at
 * most `timeoutMs`), then returns the last reading.
 */
export async function settledMemory(binary, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last = appMemory(binary);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = appMemory(binary);
    if (last && now && now.web.count > 0 && Math.abs(now.total.pss - last.total.pss) < 1) return now;
    last = now;
  }
  return last;
}
