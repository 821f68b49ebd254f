// Editing for the fake shell (fakeShell.mjs answers open_editor but does not edit): a small
// stand-in for the core's edit.rs, enough for the browser checks of boundary events. It knows
// add_node, update_node, move_node, add_flow, update_flow and batch, answers each with a patch as the core does (a
// boundary event snaps onto its host's border; moving a host moves its boundary events along)
// and keeps an undo stack. The real semantics are tested in Rust (tests/edit_bpmn.rs).
// Installed as a second init script, after installFakeShell: it wraps the shell's invoke.
export function installFakeEditing() {
  const shell = window.__TAURI__.core;
  const original = shell.invoke.bind(shell);
  const copies = new Map(); // process id → { process, done: [patch], undone: [patch] }
  window.__fakeEditing = copies;

  const get = (p, key) => {
    if (key.key === "node") {
      const node = p.nodes.find((n) => n.id === key.id);
      return node ? { record: "node", node: structuredClone(node) } : null;
    }
    if (key.key === "node_bounds") {
      const bounds = p.layout.nodes[key.id];
      return bounds ? { record: "node_bounds", node: key.id, bounds: { ...bounds } } : null;
    }
    if (key.key === "flow") {
      const flow = p.flows.find((f) => f.id === key.id);
      return flow ? { record: "flow", flow: structuredClone(flow) } : null;
    }
    throw { code: "unsupported", message: `the fake shell does not edit ${key.key} records` };
  };
  const put = (p, key, record) => {
    if (key.key === "node") {
      p.nodes = p.nodes.filter((n) => n.id !== key.id);
      if (record) p.nodes.push(record.node);
    } else if (key.key === "flow") {
      p.flows = p.flows.filter((f) => f.id !== key.id);
      if (record) p.flows.push(record.flow);
    } else if (record) p.layout.nodes[key.id] = record.bounds;
    else delete p.layout.nodes[key.id];
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
      const key = record.record === "node" ? { key: "node", id: record.node.id } : record.record === "flow" ? { key: "flow", id: record.flow.id } : { key: "node_bounds", id: record.node };
      changes.push({ key, before: get(p, key), after: record });
      put(p, key, record);
    };
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
