import { describe, expect, it } from "vitest";
import { buildScene } from "../src/canvas/scene";
import { padDrop, padPreview } from "../src/editor/padDrop";
import type { Process } from "../src/generated/Process";
import { ownNames, payablesV2 } from "./fixtures";

const scene = buildScene(payablesV2);
const names = ownNames(payablesV2);
const [first, second] = scene.lanes;
const source = scene.nodes.find((n) => n.laneId === first!.id)!;
const other = scene.nodes.find((n) => n.laneId === second!.id)!;
/** A world point in the middle of `second`, right of its header. */
const inSecond = { x: second!.header.w + 400, y: second!.rect.y + second!.rect.h / 2 };

describe("a pad button dragged onto the canvas", () => {
  it("places the appended step where it is let go, in that lane, joined from the selection in one command", () => {
    const made = padDrop(payablesV2, names, scene, source, "task", inSecond, null, null);
    if (!made || "refused" in made) throw new Error(`nothing placed: ${JSON.stringify(made)}`);
    expect(made.rename).toBe(true);
    expect(made.command.command).toBe("batch");
    const [add, join] = made.command.command === "batch" ? made.command.commands : [];
    expect(add).toMatchObject({ command: "add_node", node: { id: made.select, lane: second!.id, kind: { type: "task" } } });
    expect(join).toMatchObject({ command: "add_flow", flow: { source: source.id, target: made.select } });
  });

  it("joins by a message flow when the lane under the pointer is in another pool", () => {
    const pooled = { ...payablesV2, lanes: payablesV2.lanes.map((l) => (l.id === second!.id ? { ...l, pool: "bank" } : l)) } as Process;
    const made = padDrop(pooled, names, scene, source, "task", inSecond, null, null);
    if (!made || "refused" in made) throw new Error("nothing placed");
    const join = made.command.command === "batch" ? made.command.commands[1] : null;
    expect(join).toMatchObject({ command: "add_message", message: { source: source.id, target: made.select } });
  });

  it("connect joins the selection to the step it is let go on, and selects the new flow", () => {
    const made = padDrop(payablesV2, names, scene, source, "connect", inSecond, other.id, null);
    if (!made || "refused" in made) throw new Error("not connected");
    expect(made).toMatchObject({ rename: false, command: { command: "add_flow", flow: { id: made.select, source: source.id, target: other.id } } });
    expect(padDrop(payablesV2, names, scene, source, "connect", inSecond, null, null)).toBeNull();
    expect(padDrop(payablesV2, names, scene, source, "connect", inSecond, source.id, null)).toHaveProperty("refused");
  });

  it("shows a line from the selection to the pointer, with the step's ghost for an append", () => {
    expect(padPreview(scene, source, "task", inSecond).boxes).toHaveLength(1);
    expect(padPreview(scene, source, "connect", inSecond)).toMatchObject({ boxes: [], line: [expect.any(Object), inSecond] });
  });
});
