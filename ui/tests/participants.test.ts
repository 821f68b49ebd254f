import { describe, expect, it } from "vitest";
import { applyPatch } from "../src/editor/applyPatch";
import { connection, partnerPool, removal } from "../src/editor/participants";
import { placeNode } from "../src/editor/placement";
import { buildScene } from "../src/canvas/scene";
import type { Command } from "../src/generated/Command";
import type { Process } from "../src/generated/Process";
import { formFor } from "../src/properties/elementForms";
import { ownNames, payablesV2 } from "./fixtures";

/** Two lanes of the process's own, a black-box supplier with a message flow, a bank with a lane and a step. */
function process(): Process {
  return {
    schema: 3,
    id: "p",
    info: { name: "Payables", outcome: "", category: "operational", owner: "", variables: [] },
    lanes: [
      { id: "intake", name: "Intake", team: "", trigger: "", output: "", order: 0 },
      { id: "pay", name: "Payment", team: "", trigger: "", output: "", order: 1 },
      { id: "bank-lane", name: "Bank", team: "", trigger: "", output: "", order: 0, pool: "bank" },
    ],
    pools: [
      { id: "supplier", name: "Supplier", partner: true, order: 0 },
      { id: "bank", name: "Bank", partner: true, order: 1 },
    ],
    nodes: [
      { id: "register", lane: "intake", name: "Register invoice", kind: { type: "task", assignee: "Clerk" } },
      { id: "transfer", lane: "pay", name: "Order transfer", kind: { type: "task", assignee: "Treasury" } },
      { id: "execute", lane: "bank-lane", name: "Execute payment", kind: { type: "task", assignee: "Bank" } },
      { id: "booked", lane: "bank-lane", name: "Booked", kind: { type: "end" } },
    ],
    flows: [{ id: "f1", source: "register", target: "transfer" }],
    messages: [{ id: "invoice", source: "supplier", target: "register", name: "Invoice" }],
    artifacts: [
      { id: "note", kind: { type: "annotation", text: "Scanned" } },
      { id: "erp", kind: { type: "data_store", name: "ERP" } },
    ],
    associations: [],
    layout: { nodes: {}, lanes: {} },
  } as unknown as Process;
}

const made = (result: ReturnType<typeof connection>): Command => {
  if (!("command" in result)) throw new Error(`refused: ${result.refused}`);
  return result.command;
};

describe("partner pools from the palette", () => {
  it("adds a black box below every pool, numbered after the partners already there", () => {
    const p = process();
    const placed = partnerPool(p, false);
    expect(placed.command).toEqual({ command: "add_pool", pool: { id: placed.id, name: "Partner 3", partner: true, order: 2 }, height: 80 });
  });

  it("adds a pool with one lane in one gesture", () => {
    const placed = partnerPool(payablesV2, true);
    expect(placed.command.command).toBe("batch");
    const commands = placed.command.command === "batch" ? placed.command.commands : [];
    expect(commands.map((c) => c.command)).toEqual(["add_pool", "add_lane"]);
    const [pool, lane] = commands;
    expect(pool).toMatchObject({ pool: { id: placed.id, name: "Partner", partner: true, order: 0 } });
    expect(lane).toMatchObject({ lane: { pool: placed.id, order: 0 }, height: 160 });
  });

  it("is drawn as a band of its own once the patch is applied", () => {
    const placed = partnerPool(payablesV2, false);
    const command = placed.command.command === "add_pool" ? placed.command : null;
    const patch = { changes: [{ key: { key: "pool" as const, id: placed.id }, before: null, after: { record: "pool" as const, pool: command!.pool } }] };
    const scene = buildScene(applyPatch(payablesV2, patch));
    const band = scene.pools.find((b) => b.id === placed.id);
    expect(band?.blackBox).toBe(true);
    expect(band?.rect.y).toBeGreaterThanOrEqual(Math.max(...scene.lanes.map((l) => l.rect.y + l.rect.h)));
  });
});

describe("the connect tool picks the line", () => {
  const p = process();
  const names = ownNames(p);

  it("draws a sequence flow between two steps of one pool", () => {
    expect(made(connection(p, names, "register", "transfer", "x"))).toEqual({ command: "add_flow", flow: { id: "x", source: "register", target: "transfer" } });
  });

  it("draws a message flow between steps of different pools, and between a step and a pool", () => {
    expect(made(connection(p, names, "transfer", "execute", "x"))).toEqual({ command: "add_message", message: { id: "x", source: "transfer", target: "execute" } });
    expect(made(connection(p, names, "booked", "supplier", "y"))).toEqual({ command: "add_message", message: { id: "y", source: "booked", target: "supplier" } });
    expect(made(connection(p, names, "supplier", "bank", "z"))).toEqual({ command: "add_message", message: { id: "z", source: "supplier", target: "bank" } });
  });

  it("refuses a message flow within one pool, naming it", () => {
    expect(connection(p, names, "bank", "execute", "x")).toEqual({ refused: "A message flow goes from one participant to another; both ends are in pool “Bank”" });
  });

  it("anchors notes and data with an association; data gets its arrow", () => {
    expect(made(connection(p, names, "note", "register", "x"))).toEqual({ command: "add_association", association: { id: "x", source: "note", target: "register" } });
    expect(made(connection(p, names, "transfer", "erp", "y"))).toEqual({ command: "add_association", association: { id: "y", source: "transfer", target: "erp", direction: "one" } });
    expect(made(connection(p, names, "note", "f1", "z"))).toMatchObject({ command: "add_association" });
    expect(connection(p, names, "note", "supplier", "w")).toHaveProperty("refused");
  });
});

describe("deleting", () => {
  const p = process();
  const names = ownNames(p);

  it("asks before a pool goes with its message flows, and removes it in one command", () => {
    const gone = removal(p, names, ["supplier"]);
    expect(gone.command).toEqual({ command: "remove_pool", pool: "supplier" });
    expect(gone.confirm?.title).toBe("Delete this pool?");
    expect(gone.confirm?.body).toContain("1 message flow");
  });

  it("counts a pool's steps and the message flows on them; its own lane is not removed twice", () => {
    const withMessage = { ...p, messages: [...(p.messages ?? []), { id: "order", source: "transfer", target: "execute" }] };
    const gone = removal(withMessage, names, ["bank", "bank-lane"]);
    expect(gone.command).toEqual({ command: "remove_pool", pool: "bank" });
    expect(gone.confirm?.body).toBe("pool “Bank” and the 2 steps and 1 message flow on them will be removed. Undo (Ctrl+Z) brings them back.");
  });

  it("removes message flows, notes and data without asking, lines first", () => {
    const gone = removal(p, names, ["erp", "invoice", "note"]);
    expect(gone.confirm).toBeNull();
    expect(gone.command).toEqual({
      command: "batch",
      commands: [
        { command: "remove_message", message: "invoice" },
        { command: "remove_artifact", artifact: "note" },
        { command: "remove_artifact", artifact: "erp" },
      ],
    });
  });
});

describe("properties of participants", () => {
  const p = process();
  const names = { ...ownNames(p), supplier: { text: "Supplier", named: true }, register: { text: "Register invoice", named: true } };

  it("renames a pool with one whole-record command, and refuses an empty name", () => {
    const form = formFor(p, names, ["supplier"], []);
    expect(form.title).toBe("Partner pool");
    const field = form.sections[0]!.fields.find((f) => f.key === "name")!;
    expect(field.commit("Vendor")).toEqual({ command: { command: "update_pool", pool: { id: "supplier", name: "Vendor", partner: true, order: 0 } } });
    expect(field.commit("  ")).toHaveProperty("error");
  });

  it("names a message flow and says what it joins", () => {
    const form = formFor(p, names, ["invoice"], []);
    expect(form.subtitle).toBe("“Supplier” → “Register invoice”");
    const field = form.sections[0]!.fields.find((f) => f.key === "name")!;
    expect(field.commit("Corrected invoice")).toEqual({ command: { command: "update_message", message: { id: "invoice", source: "supplier", target: "register", name: "Corrected invoice" } } });
  });
});

describe("properties of associations", () => {
  it("turns a note's anchor into a directed association and back", () => {
    const p = { ...process(), associations: [{ id: "a", source: "note", target: "register" }] } as Process;
    const names = { ...ownNames(p), note: { text: "Scanned", named: true } };
    const form = formFor(p, names, ["a"], []);
    expect(form.title).toBe("Association");
    const field = form.sections[0]!.fields.find((f) => f.key === "direction")!;
    expect(field.commit("one")).toEqual({ command: { command: "update_association", association: { id: "a", source: "note", target: "register", direction: "one" } } });
    const directed = { ...p, associations: [{ id: "a", source: "note", target: "register", direction: "one" as const }] } as Process;
    const back = formFor(directed, names, ["a"], []).sections[0]!.fields[0]!;
    expect(back.commit("none")).toEqual({ command: { command: "update_association", association: { id: "a", source: "note", target: "register" } } });
  });
});

describe("data stores from the palette", () => {
  it("places a data store where it is dropped", () => {
    const placed = placeNode(buildScene(payablesV2), "data_store", { x: 500, y: 300 }, null);
    expect(placed?.command).toMatchObject({ command: "add_artifact", artifact: { kind: { type: "data_store", name: "Records" } }, bounds: { x: 475, y: 275, w: 50, h: 50 } });
  });
});
