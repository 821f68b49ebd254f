import { describe, expect, it } from "vitest";
import { changedElements, applyPatch } from "../src/editor/applyPatch";
import { buildScene, type Scene } from "../src/canvas/scene";
import { updateScene } from "../src/canvas/sceneUpdate";
import type { Change } from "../src/generated/Change";
import type { Flow } from "../src/generated/Flow";
import type { Node } from "../src/generated/Node";
import type { Process } from "../src/generated/Process";
import corpusBookingJson from "./fixtures/corpus-booking.json";
import notationJson from "./fixtures/bpmn-notation.json";
import { allSamples, onboarding } from "./fixtures";

const corpusBooking = corpusBookingJson as unknown as Process;
const notation = notationJson as unknown as Process;

/** Onboarding with one node moved 30 units right. */
function moved(process: Process, name: string): { process: Process; id: string } {
  const node = process.nodes.find((n) => n.name === name)!;
  const box = process.layout.nodes[node.id]!;
  return { process: { ...process, layout: { ...process.layout, nodes: { ...process.layout.nodes, [node.id]: { ...box, x: box.x + 30 } } } }, id: node.id };
}

/** Everything a scene draws and finds, without the bookkeeping it keeps to update itself. */
function drawn(scene: Scene) {
  const everywhere = { x: scene.bounds.x - 10, y: scene.bounds.y - 10, w: scene.bounds.w + 20, h: scene.bounds.h + 20 };
  const windows = [everywhere, ...scene.nodes.filter((_, i) => i % 3 === 0).map((n) => ({ x: n.rect.x - 100, y: n.rect.y - 80, w: 300, h: 200 }))];
  return {
    name: scene.processName,
    bounds: scene.bounds,
    pools: scene.pools,
    lanes: scene.lanes,
    nodes: scene.nodes,
    flows: scene.flows,
    messages: scene.messages,
    artifacts: scene.artifacts,
    associations: scene.associations,
    nodeAt: [...scene.nodeAt].sort(),
    flowAt: [...scene.flowAt].sort(),
    visibleNodes: windows.map((w) => scene.nodeGrid.query(w)),
    visibleFlows: windows.map((w) => scene.flowGrid.query(w)),
  };
}

/** A small seeded generator (mulberry32), so a failing case can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One random edit as the core would return it: moves (often onto or next to another node),
 * renames, label and condition changes, nodes and flows added and removed, flows re-connected,
 * bend points set or dropped, boundary events put on activities.
 */
function randomPatch(process: Process, next: () => number, serial: number): Change[] {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
  const placed = process.nodes.filter((n) => process.layout.nodes[n.id] && !n.parent);
  const node = pick(placed);
  const flow = pick(process.flows);
  const nodeChange = (before: Node | null, after: Node | null): Change => ({ key: { key: "node", id: (before ?? after)!.id }, before: before && { record: "node", node: before }, after: after && { record: "node", node: after } });
  const flowChange = (before: Flow | null, after: Flow | null): Change => ({ key: { key: "flow", id: (before ?? after)!.id }, before: before && { record: "flow", flow: before }, after: after && { record: "flow", flow: after } });
  const boundsChange = (id: string, bounds: { x: number; y: number; w: number; h: number } | null): Change => ({
    key: { key: "node_bounds", id },
    before: process.layout.nodes[id] ? { record: "node_bounds", node: id, bounds: process.layout.nodes[id]! } : null,
    after: bounds && { record: "node_bounds", node: id, bounds },
  });
  const roll = next();
  if (!node) return [];
  const box = process.layout.nodes[node.id]!;
  if (roll < 0.05) {
    // Inside a sub-process, or a sub-process opened or closed: what is drawn on the plane changes.
    const nested = pick(process.nodes.filter((n) => n.parent && process.layout.nodes[n.id]));
    const sub = pick(process.nodes.filter((n) => n.kind.type === "sub_process"));
    if (next() < 0.5 && nested) {
      const at = process.layout.nodes[nested.id]!;
      return [boundsChange(nested.id, { ...at, x: at.x + Math.round((next() - 0.5) * 100) })];
    }
    if (sub?.kind.type === "sub_process") return [nodeChange(sub, { ...sub, kind: { ...sub.kind, expanded: !sub.kind.expanded } })];
    return [];
  }
  if (roll < 0.35) {
    const near = pick(placed)!;
    const nearBox = process.layout.nodes[near.id]!;
    const to = next() < 0.5 ? { ...box, x: box.x + Math.round((next() - 0.5) * 400) } : { ...box, x: nearBox.x + Math.round((next() - 0.5) * 160), y: nearBox.y + Math.round((next() - 0.5) * 120) };
    if (node.lane !== near.lane && to.y !== box.y) return [boundsChange(node.id, { ...to, y: box.y })];
    return [boundsChange(node.id, to)];
  }
  if (roll < 0.45) return [nodeChange(node, { ...node, name: next() < 0.2 ? "" : `${node.name} renamed with a longer name ${serial}` })];
  if (roll < 0.6 && flow) {
    const label = next() < 0.5 ? `label ${serial} that is fairly long` : undefined;
    const condition = next() < 0.5 ? `amount > ${serial * 1000}` : undefined;
    const after: Flow = { id: flow.id, source: flow.source, target: flow.target };
    if (label) after.label = label;
    if (condition) after.condition = condition;
    return [flowChange(flow, after)];
  }
  if (roll < 0.68) {
    const id = `added-${serial}`;
    const kind = (next() < 0.5 ? { type: "task", assignee: "" } : { type: "gateway", gateway: "exclusive" }) as Node["kind"];
    const added: Node = { id, lane: node.lane, name: `New step ${serial}`, kind };
    const target = pick(placed)!;
    const link: Flow = { id: `added-flow-${serial}`, source: node.id, target: id, label: "new" };
    const back: Flow = { id: `added-back-${serial}`, source: id, target: target.id };
    return [nodeChange(null, added), boundsChange(id, { x: box.x + 60, y: box.y + 40, w: kind.type === "task" ? 140 : 50, h: kind.type === "task" ? 64 : 50 }), flowChange(null, link), flowChange(null, back)];
  }
  if (roll < 0.76) {
    const flows = process.flows.filter((f) => f.source === node.id || f.target === node.id);
    const riders = process.nodes.filter((n) => n.kind.type === "boundary" && n.kind.host === node.id);
    if (riders.length > 0 || process.nodes.some((n) => n.parent === node.id)) return [];
    return [...flows.map((f) => flowChange(f, null)), nodeChange(node, null), boundsChange(node.id, null)];
  }
  if (roll < 0.84 && flow) {
    const target = pick(placed)!;
    if (target.id === flow.source) return [];
    return [flowChange(flow, { ...flow, target: target.id })];
  }
  if (roll < 0.9 && flow) return [flowChange(flow, null)];
  if (roll < 0.95 && flow) {
    const existing = process.layout.flows?.[flow.id];
    const key = { key: "waypoints" as const, id: flow.id };
    const before = existing ? { record: "waypoints" as const, flow: flow.id, points: existing } : null;
    if (existing) return [{ key, before, after: null }];
    const mid = { x: box.x + Math.round(next() * 200), y: box.y + Math.round(next() * 100) };
    return [{ key, before, after: { record: "waypoints", flow: flow.id, points: [mid] } }];
  }
  if (node.kind.type === "task") {
    const id = `rider-${serial}`;
    const rider = { id, lane: node.lane, name: `Late ${serial}`, kind: { type: "boundary", host: node.id, trigger: { type: "timer", timer: "PT1H" }, interrupting: true } } as unknown as Node;
    return [nodeChange(null, rider), boundsChange(id, { x: box.x + box.w - 18, y: box.y + box.h - 18, w: 36, h: 36 })];
  }
  return [];
}

const SEEDS = 12;
const STEPS = 25;

describe("updateScene after one edit", () => {
  it("lays out the same as from scratch, reusing the flows the edit cannot touch", () => {
    const scene = buildScene(onboarding);
    const before = [...scene.flows];
    const edit = moved(onboarding, "Prepare laptop and equipment");
    expect(updateScene(scene, edit.process, { nodes: new Set([edit.id]), flows: new Set() })).toBe(true);
    expect(drawn(scene)).toEqual(drawn(buildScene(edit.process)));
    const untouched = scene.flows.filter((f) => f.sourceId !== edit.id && f.targetId !== edit.id);
    expect(untouched.some((f) => before.includes(f))).toBe(true);
    const touching = scene.flows.filter((f) => f.sourceId === edit.id || f.targetId === edit.id);
    expect(touching.length).toBeGreaterThan(0);
    expect(touching.every((f) => !before.includes(f))).toBe(true);
  });

  it("leaves the scene to a full build when lane geometry changed", () => {
    const scene = buildScene(onboarding);
    const lane = onboarding.lanes[0]!.id;
    const taller = { ...onboarding, layout: { ...onboarding.layout, lanes: { ...onboarding.layout.lanes, [lane]: 400 } } };
    const flows = scene.flows;
    expect(updateScene(scene, taller, { nodes: new Set(), flows: new Set() })).toBe(false);
    expect(scene.flows).toBe(flows);
  });

  const processes: Array<[string, Process]> = [...allSamples, ["corpus-booking", corpusBooking], ["bpmn-notation", notation]];
  it.each(processes)("gives the same scene as a full build over random edits of %s", (_, start) => {
    let checked = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const next = random(seed);
      let process = start;
      const scene = buildScene(process);
      for (let step = 0; step < STEPS; step++) {
        const changes = randomPatch(process, next, seed * 100 + step);
        if (changes.length === 0) continue;
        const patch = { changes };
        process = applyPatch(process, patch);
        const updated = updateScene(scene, process, changedElements(patch));
        const fresh = buildScene(process);
        if (!updated) {
          // Refused without touching anything: the canvas then builds from scratch.
          Object.assign(scene, fresh);
          continue;
        }
        checked += 1;
        expect(drawn(scene), `seed ${seed}, step ${step}: ${JSON.stringify(changes.map((c) => c.key))}`).toEqual(drawn(fresh));
      }
    }
    expect(checked).toBeGreaterThan((SEEDS * STEPS) / 3);
  }, 120_000);
});
