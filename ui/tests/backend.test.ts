import { describe, expect, it } from "vitest";
import { TauriBackend, toCommandError } from "../src/backend";
import { MockBackend } from "../src/mockBackend";
import { contracts, onboarding, payablesV1, payablesV2 } from "./fixtures";

describe("MockBackend", () => {
  const library = () =>
    new MockBackend([onboarding, payablesV1, payablesV2, contracts], {
      path: "/tmp/test.flowlane",
      author: "Tester",
      savedAt: "2026-11-27T08:00:00Z",
      drafts: [contracts.id],
    });

  it("lists each process once with its latest version, by name", async () => {
    const overview = await library().libraryOverview();
    expect(overview.path).toBe("/tmp/test.flowlane");
    expect(overview.processes.map((p) => [p.name, p.latest, p.has_draft])).toEqual([
      ["Accounts payable", 2, false],
      ["Contract review", 1, true],
      ["Employee onboarding", 1, false],
    ]);
    expect(overview.processes[0]!.category).toBe("operational");
  });

  it("loads the latest version by default and earlier ones by number", async () => {
    const backend = library();
    const latest = await backend.loadProcess(payablesV2.id);
    expect(latest.version.number).toBe(2);
    expect(latest.process.nodes).toHaveLength(payablesV2.nodes.length);
    const first = await backend.loadProcess(payablesV1.id, 1);
    expect(first.version.number).toBe(1);
    expect(first.process.nodes).toHaveLength(payablesV1.nodes.length);
    expect(latest.version.prev_hash).toBe(first.version.hash);
    expect(latest.version).toMatchObject({ author: "Tester", saved_at: "2026-11-27T08:00:00Z" });
  });

  it("hands out copies, so callers cannot change the library", async () => {
    const backend = library();
    const loaded = await backend.loadProcess(onboarding.id);
    loaded.process.info.name = "Changed";
    expect((await backend.loadProcess(onboarding.id)).process.info.name).toBe("Employee onboarding");
  });

  it("rejects unknown processes and versions with a not_found CommandError", async () => {
    await expect(library().loadProcess("missing")).rejects.toMatchObject({ code: "not_found" });
    await expect(library().loadProcess(onboarding.id, 7)).rejects.toMatchObject({ code: "not_found" });
  });

  it("fails every call with the configured error", async () => {
    const failing = new MockBackend([onboarding], { failure: { code: "corrupt", message: "The library is corrupt" } });
    await expect(failing.libraryOverview()).rejects.toEqual({ code: "corrupt", message: "The library is corrupt" });
    await expect(failing.loadProcess(onboarding.id)).rejects.toMatchObject({ code: "corrupt" });
  });
});

describe("TauriBackend", () => {
  it("invokes the shell's commands with their argument names", async () => {
    const calls: Array<[string, unknown]> = [];
    const backend = new TauriBackend(async (command, args) => {
      calls.push([command, args]);
      return command === "library_overview" ? { path: "p", created: true, processes: [] } : {};
    });
    await backend.libraryOverview();
    await backend.loadProcess("abc");
    await backend.loadProcess("abc", 3);
    expect(calls).toEqual([
      ["library_overview", undefined],
      ["load_process", { id: "abc", version: null }],
      ["load_process", { id: "abc", version: 3 }],
    ]);
  });

  it("passes command errors through and turns other failures into CommandErrors", async () => {
    const rejecting = (error: unknown) => new TauriBackend(async () => Promise.reject(error));
    await expect(rejecting({ code: "corrupt", message: "bad file" }).libraryOverview()).rejects.toEqual({ code: "corrupt", message: "bad file" });
    await expect(rejecting("command load_process not found").loadProcess("x")).rejects.toEqual({
      code: "unknown",
      message: "command load_process not found",
    });
  });
});

describe("toCommandError", () => {
  it("normalises what an IPC call can reject with", () => {
    expect(toCommandError({ code: "io", message: "disk full" })).toEqual({ code: "io", message: "disk full" });
    expect(toCommandError({ message: "no code" })).toEqual({ code: "unknown", message: "no code" });
    expect(toCommandError(new Error("boom"))).toEqual({ code: "unknown", message: "boom" });
    expect(toCommandError("plain")).toEqual({ code: "unknown", message: "plain" });
    expect(toCommandError(42)).toEqual({ code: "unknown", message: "42" });
  });
});
