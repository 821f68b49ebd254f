// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Conflict } from "../src/backend";
import { DependentsChoice, deletingSide, fateOf, initialPick, pickReady, type DependentsPick } from "../src/sync/dependentsChoice";

const laneDeleted: Conflict = {
  number: 1,
  key: "lane:audit:deleted",
  element: "lane",
  anchor: "audit",
  name: "Audit",
  field: "deleted",
  mine: "kept, changed (steps added, moved into it or changed)",
  theirs: null,
  choice: null,
  dependents: [
    { element: "node", id: "pay", name: "Schedule payment", how: "moved into it", kept_in: { lane: "run", name: "Payment run", why: "the lane it came from" } },
    { element: "flow", id: "f1", name: "Schedule payment → Next payment run", how: "of a step in it", kept_in: null },
  ],
  consequence: "deleting lane “Audit” would also delete the step “Schedule payment” that ann moved into it",
  fate: null,
  needs_confirmation: false,
};
const lanes = [
  { id: "intake", name: "Invoice intake" },
  { id: "run", name: "Payment run" },
  { id: "audit", name: "Audit" },
];

describe("what a deletion takes along", () => {
  it("keeps the steps in the lane they came from unless deleting them is confirmed for each", () => {
    expect(deletingSide(laneDeleted)).toBe("theirs");
    const keep = initialPick(laneDeleted);
    expect(fateOf(laneDeleted, keep)).toEqual({ kind: "keep", lane: null });
    const drop: DependentsPick = { kind: "drop", confirmed: new Set(["pay"]) };
    expect(pickReady(laneDeleted, drop)).toBe(false);
    expect(fateOf(laneDeleted, drop)).toBeNull();
    drop.confirmed.add("f1");
    expect(fateOf(laneDeleted, drop)).toEqual({ kind: "drop" });
  });

  it("a step's flows cannot be kept: only confirming them deletes the step", () => {
    const step: Conflict = { ...laneDeleted, element: "node", dependents: [laneDeleted.dependents[1]!] };
    expect(initialPick(step)).toEqual({ kind: "drop", confirmed: new Set() });
  });

  it("offers the other lanes, and a checkbox per element once Delete is chosen", () => {
    const picks: DependentsPick[] = [];
    const view = new DependentsChoice(laneDeleted, lanes, initialPick(laneDeleted), (p) => picks.push(p));
    view.render(true);
    const root = view.element;
    expect(root.querySelector(".sync-consequence")?.textContent).toContain("Schedule payment");
    const select = root.querySelector<HTMLSelectElement>(".sync-keep-lane")!;
    expect([...select.options].map((o) => o.textContent)).toEqual(["the lane each came from", "Invoice intake", "Payment run"]);
    expect(root.querySelector(".sync-dependent")?.textContent).toContain("kept in Payment run (the lane it came from)");
    const drop = root.querySelector<HTMLInputElement>(".sync-drop")!;
    drop.checked = true;
    drop.dispatchEvent(new Event("change"));
    const boxes = root.querySelectorAll<HTMLInputElement>(".sync-confirm");
    expect(boxes).toHaveLength(2);
    expect(picks.at(-1)).toEqual({ kind: "drop", confirmed: new Set() });
  });
});
