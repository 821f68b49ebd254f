import { describe, expect, it } from "vitest";
import { buildScene } from "../src/canvas/scene";
import type { Process } from "../src/generated/Process";
import { onboarding } from "./fixtures";

/** Onboarding with one node moved 30 units right. */
function moved(process: Process, name: string): { process: Process; id: string } {
  const node = process.nodes.find((n) => n.name === name)!;
  const box = process.layout.nodes[node.id]!;
  return { process: { ...process, layout: { ...process.layout, nodes: { ...process.layout.nodes, [node.id]: { ...box, x: box.x + 30 } } } }, id: node.id };
}

describe("buildScene after one edit", () => {
  it("lays out the same as from scratch, reusing the flows the edit cannot touch", () => {
    const before = buildScene(onboarding);
    const edit = moved(onboarding, "Prepare laptop and equipment");
    const reused = buildScene(edit.process, { scene: before, nodes: new Set([edit.id]), flows: new Set() });
    const fresh = buildScene(edit.process);
    const shape = (s: typeof fresh) => s.flows.map((f) => ({ id: f.id, points: f.points, texts: f.texts }));
    expect(shape(reused)).toEqual(shape(fresh));
    expect(reused.nodes.map((n) => n.caption)).toEqual(fresh.nodes.map((n) => n.caption));
    const untouched = reused.flows.filter((f) => f.sourceId !== edit.id && f.targetId !== edit.id);
    expect(untouched.some((f) => before.flows.includes(f))).toBe(true);
    const touching = reused.flows.filter((f) => f.sourceId === edit.id || f.targetId === edit.id);
    expect(touching.length).toBeGreaterThan(0);
    expect(touching.every((f) => !before.flows.includes(f))).toBe(true);
  });

  it("lays out everything again when lane geometry changed", () => {
    const before = buildScene(onboarding);
    const lane = onboarding.lanes[0]!.id;
    const taller = { ...onboarding, layout: { ...onboarding.layout, lanes: { ...onboarding.layout.lanes, [lane]: 400 } } };
    const after = buildScene(taller, { scene: before, nodes: new Set(), flows: new Set() });
    expect(after.flows.some((f) => before.flows.includes(f))).toBe(false);
  });
});
