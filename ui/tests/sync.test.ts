import { describe, expect, it } from "vitest";
import type { Conflict, SyncResult } from "../src/backend";
import { MockBackend } from "../src/mockBackend";
import { conflictTitle, sideValue } from "../src/sync/conflictView";
import { onboarding } from "./fixtures";

const conflict = (number: number, field: string, mine: string | null, theirs: string | null): Conflict => ({
  number,
  key: `node:${number}:${field}`,
  element: "node",
  anchor: `node-${number}`,
  name: "Collect documents",
  field,
  mine,
  theirs,
  choice: null,
  dependents: [],
  consequence: null,
  fate: null,
  needs_confirmation: false,
});

const result = (): SyncResult => ({
  summary: "“Employee onboarding” needs a merge (2 conflicts)",
  merges: [{ process: onboarding.id, name: "Employee onboarding", conflicts: [conflict(1, "name", "A", "B"), conflict(2, "deleted", null, "kept")], lanes: [] }],
});

describe("MockBackend sync", () => {
  it("syncs only once linked", async () => {
    const backend = new MockBackend([onboarding], { sync: { remote: null, result: result(), merged: {} } });
    await expect(backend.syncNow()).rejects.toMatchObject({ code: "not_linked" });
    expect((await backend.linkRemote("/srv/shared.git")).remote).toBe("/srv/shared.git");
    expect((await backend.syncNow()).summary).toBe(result().summary);
    expect((await backend.syncState()).merges).toHaveLength(1);
  });

  it("keeps choices and saves the merge as the next version once every conflict has one", async () => {
    const merged = { ...onboarding, info: { ...onboarding.info, owner: "Merged" } };
    const backend = new MockBackend([onboarding], { sync: { remote: "/srv/shared.git", result: result(), merged: { [onboarding.id]: merged } } });
    await backend.syncNow();
    const waiting = await backend.resolveMerge(onboarding.id, [[1, "theirs"]]);
    expect(waiting.saved).toBeNull();
    expect(waiting.merge?.conflicts.map((c) => c.choice)).toEqual(["theirs", null]);
    await expect(backend.resolveMerge(onboarding.id, [[9, "mine"]])).rejects.toMatchObject({ code: "unknown_conflict" });
    const done = await backend.resolveMerge(onboarding.id, [[2, "mine"]]);
    expect(done.saved?.number).toBe(2);
    expect((await backend.loadProcess(onboarding.id)).process.info.owner).toBe("Merged");
    expect((await backend.syncState()).merges).toEqual([]);
  });
});

describe("conflict wording", () => {
  it("names the element and the field, or the deletion", () => {
    expect(conflictTitle(conflict(1, "name", "A", "B"))).toBe("node “Collect documents” · name");
    expect(conflictTitle(conflict(2, "deleted", null, "kept"))).toBe("node “Collect documents” · deleted on one side, changed on the other");
  });

  it("shows a missing value as deleted or empty", () => {
    expect(sideValue(null, "deleted")).toBe("deleted");
    expect(sideValue(null, "assignee")).toBe("(empty)");
    expect(sideValue("IT", "assignee")).toBe("IT");
  });
});
