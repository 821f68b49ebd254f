// Editing for the fake shell (fakeShell.mjs answers open_editor but does not edit): a small
// stand-in for the core's edit.rs, enough for the browser checks of boundary events, partner
// pools, message flows and notes. It knows add_node, update_node, move_node, add_lane, update_lane, add_flow, update_flow, batch and the pool,
// message, artifact and association commands, answers each with a patch as the core does (a
// boundary event snaps onto its host's border; moving a host moves its boundary events along)
// and keeps an undo stack. The real semantics are tested in Rust (tests/edit_bpmn.rs).
// Installed as a second init script, after installFakeShell: it wraps the shell's invoke.
import { installFakeShell } from "./fakeShell.mjs";

export function installFakeEditing() {
  const shell = window.__TAURI__.core;
  const original = shell.invoke.bind(shell);
  const copies = new Map(); // process id → { process, done: [patch], undone: [patch] }
  window.__fakeEditing = copies;

  // Records in lists (by id) and in layout maps (by the element's id), as edit/record.rs has them.
  const LISTS = { node: "nodes", lane: "lanes", flow: "flows", pool: "pools", message: "messages", artifact: "artifacts", association: "associations" };
  const MAPS = { node_bounds: ["nodes", "node", "bounds"], lane_height: ["lanes", "lane", "height"], pool_height: ["pools", "pool", "height"], artifact_bounds: ["artifacts", "artifact", "bounds"] };
  const get = (p, key) => {
    if (key.key === "info") return { record: "info", info: structuredClone(p.info) };
    if (LISTS[key.key]) {
      const item = (p[LISTS[key.key]] ?? []).find((x) => x.id === key.id);
      return item ? { record: key.key, [key.key]: structuredClone(item) } : null;
    }
    if (MAPS[key.key]) {
      const [map, owner, field] = MAPS[key.key];
      const value = p.layout[map]?.[key.id];
      return value === undefined ? null : { record: key.key, [owner]: key.id, [field]: structuredClone(value) };
    }
    throw { code: "unsupported", message: `the fake shell does not edit ${key.key} records` };
  };
  const put = (p, key, record) => {
    if (key.key === "info") {
      p.info = record.info;
      return;
    }
    if (LISTS[key.key]) {
      const list = LISTS[key.key];
      p[list] = (p[list] ?? []).filter((x) => x.id !== key.id);
      if (record) p[list].push(record[key.key]);
      return;
    }
    const [map, , field] = MAPS[key.key];
    p.layout[map] = p.layout[map] ?? {};
    if (record) p.layout[map][key.id] = record[field];
    else delete p.layout[map][key.id];
  };
  const keyOf = (record) => {
    if (record.record === "info") return { key: "info" };
    if (LISTS[record.record]) return { key: record.record, id: record[record.record].id };
    const [, owner] = MAPS[record.record];
    return { key: record.record, id: record[owner] };
  };
  const onBorder = (host, b) => {
    const cx = Math.min(Math.max(b.x + b.w / 2, host.x), host.x + host.w);
    const cy = Math.min(Math.max(b.y + b.h / 2, host.y), host.y + host.h);
    const gaps = [
      [host.y + host.h - cy, cx, host.y + host.h],
      [cy - host.y, cx, host.y],
      [cx - host.x, host.x, cy],
      [host.x + host.w - cx, host.x + host.w, cy],
    ];
    const [, x, y] = gaps.reduce((best, g) => (g[0] < best[0] ? g : best));
    return { x: x - b.w / 2, y: y - b.h / 2, w: b.w, h: b.h };
  };
  const execute = (p, command) => {
    const changes = [];
    const set = (record) => {
      const key = keyOf(record);
      changes.push({ key, before: get(p, key), after: record });
      put(p, key, record);
    };
    const remove = (key) => {
      const before = get(p, key);
      if (before === null) return;
      changes.push({ key, before, after: null });
      put(p, key, null);
    };
    const poolOf = (end) => ((p.pools ?? []).some((x) => x.id === end) ? end : (p.lanes.find((l) => l.id === node(end)?.lane)?.pool ?? null));
    const node = (id) => p.nodes.find((n) => n.id === id) ?? null;
    const place = (n, bounds) => {
      if (n.kind.type !== "boundary") return [n, bounds];
      const host = node(n.kind.host);
      if (!host) throw { code: "edit", message: `there is no node ${n.kind.host}` };
      return [{ ...n, lane: host.lane }, onBorder(p.layout.nodes[host.id], bounds)];
    };
    switch (command.command) {
      case "add_node":
      case "update_node": {
        const [n, bounds] = place(command.node, command.bounds ?? p.layout.nodes[command.node.id]);
        set({ record: "node", node: n });
        set({ record: "node_bounds", node: n.id, bounds });
        break;
      }
      case "move_node": {
        const moved = node(command.node);
        const old = p.layout.nodes[command.node];
        const [n, bounds] = place({ ...moved, lane: command.lane }, command.bounds);
        set({ record: "node", node: n });
        set({ record: "node_bounds", node: n.id, bounds });
        for (const b of p.nodes.filter((x) => x.kind.type === "boundary" && x.kind.host === n.id)) {
          const at = p.layout.nodes[b.id];
          set({ record: "node", node: { ...b, lane: n.lane } });
          set({ record: "node_bounds", node: b.id, bounds: { ...at, x: at.x + bounds.x - old.x, y: at.y + bounds.y - old.y } });
        }
        break;
      }
      case "update_info":
        set({ record: "info", info: command.info });
        break;
      case "add_pool":
      case "update_pool":
        set({ record: "pool", pool: command.pool });
        if (command.height !== undefined) set({ record: "pool_height", pool: command.pool.id, height: command.height });
        break;
      case "add_lane":
        set({ record: "lane", lane: command.lane });
        set({ record: "lane_height", lane: command.lane.id, height: command.height });
        break;
      case "update_lane":
        set({ record: "lane", lane: command.lane });
        break;
      case "add_message":
      case "update_message":
        // The core's rule (edit/execute.rs between_pools).
        if (poolOf(command.message.source) === poolOf(command.message.target)) throw { code: "edit", message: "a message flow goes from one participant to another, never within one pool" };
        set({ record: "message", message: command.message });
        break;
      case "add_artifact":
        set({ record: "artifact", artifact: command.artifact });
        set({ record: "artifact_bounds", artifact: command.artifact.id, bounds: command.bounds });
        break;
      case "update_artifact":
        set({ record: "artifact", artifact: command.artifact });
        break;
      case "move_artifact":
        set({ record: "artifact_bounds", artifact: command.artifact, bounds: command.bounds });
        break;
      case "add_association":
        set({ record: "association", association: command.association });
        break;
      case "remove_message":
        remove({ key: "message", id: command.message });
        break;
      case "remove_association":
        remove({ key: "association", id: command.association });
        break;
      case "remove_artifact":
        for (const a of (p.associations ?? []).filter((a) => a.source === command.artifact || a.target === command.artifact)) remove({ key: "association", id: a.id });
        remove({ key: "artifact", id: command.artifact });
        remove({ key: "artifact_bounds", id: command.artifact });
        break;
      // A pool without lanes here: its message flows, then the pool.
      case "remove_pool":
        for (const m of (p.messages ?? []).filter((m) => m.source === command.pool || m.target === command.pool)) remove({ key: "message", id: m.id });
        remove({ key: "pool", id: command.pool });
        remove({ key: "pool_height", id: command.pool });
        break;
      case "add_flow":
      case "update_flow":
        set({ record: "flow", flow: command.flow });
        break;
      case "batch":
        for (const c of command.commands) changes.push(...execute(p, c).changes);
        break;
      default:
        throw { code: "unsupported", message: `the fake shell does not edit with ${command.command}` };
    }
    return { changes };
  };
  const invert = (patch) => ({ changes: [...patch.changes].reverse().map((c) => ({ key: c.key, before: c.after, after: c.before })) });
  const applied = (p, patch) => {
    for (const c of patch.changes) put(p, c.key, c.after);
  };
  // Labels: a named step is called by its name (the core's rule for a name); an unnamed one
  // keeps what the core called it at open, since only the core describes elements.
  const labels = (copy) => {
    const names = structuredClone(copy.names);
    for (const node of copy.process.nodes) {
      const text = node.name.split(/\s+/).filter(Boolean).join(" ");
      if (text) names[node.id] = { text, named: true };
    }
    for (const pool of copy.process.pools ?? []) names[pool.id] = pool.name.trim() ? { text: pool.name.trim(), named: true } : { text: "partner pool", named: false };
    for (const message of copy.process.messages ?? []) names[message.id] = message.name?.trim() ? { text: message.name.trim(), named: true } : { text: "message flow", named: false };
    return names;
  };
  const answer = (copy, patch) => ({ patch: structuredClone(patch), names: labels(copy), can_undo: copy.done.length > 0, can_redo: copy.undone.length > 0, unsaved: true });

  shell.invoke = async (command, args) => {
    if (command === "open_editor") {
      const opened = await original(command, args);
      copies.set(args.id, { process: structuredClone(opened.process), names: opened.names, done: [], undone: [] });
      return opened;
    }
    const copy = copies.get(args?.id);
    if (command === "edit_process" && copy) {
      window.__fakeShellCalls.push({ command, args });
      const patch = execute(copy.process, args.command);
      copy.done.push(patch);
      copy.undone = [];
      return answer(copy, patch);
    }
    if ((command === "undo_edit" || command === "redo_edit") && copy) {
      window.__fakeShellCalls.push({ command, args });
      const [from, to] = command === "undo_edit" ? [copy.done, copy.undone] : [copy.undone, copy.done];
      const patch = from.pop();
      if (!patch) return null;
      to.push(patch);
      const step = command === "undo_edit" ? invert(patch) : patch;
      applied(copy.process, step);
      return answer(copy, step);
    }
    if (command === "save_draft" && copy) {
      // Writing the draft keeps the undo history, as the core does.
      await original(command, args);
      return { can_undo: copy.done.length > 0, can_redo: copy.undone.length > 0, unsaved: true };
    }
    return original(command, args);
  };
}

/**
 * A page of the app on the sample library with editing answered by this stand-in; `problems`
 * collects page errors.
 */
export async function openEditingPage(browser, baseUrl, library, { width = 1600, height = 900, scale = 2 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(installFakeShell, library);
  await page.addInitScript(installFakeEditing);
  await page.goto(`${baseUrl}/index.html`);
  return { context, page, problems };
}
