import { describe, expect, it } from "vitest";
import { TauriBackend, toCommandError } from "../src/backend";
import { MockBackend } from "../src/mockBackend";
import { compareV1V2, contracts, onboarding, payablesV1, payablesV2, vendorPayments, vendorProblems, verifyTampered } from "./fixtures";

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

  it("rejects unknown processes and versions with the store's error codes", async () => {
    await expect(library().loadProcess("missing")).rejects.toMatchObject({ code: "unknown_process" });
    await expect(library().loadProcess(onboarding.id, 7)).rejects.toMatchObject({ code: "unknown_version" });
    await expect(library().processHistory("missing")).rejects.toMatchObject({ code: "unknown_process" });
    await expect(library().tagVersion(onboarding.id, 2, "approved")).rejects.toMatchObject({ code: "unknown_version" });
    await expect(library().restoreVersion(payablesV1.id, 9)).rejects.toMatchObject({ code: "unknown_version" });
  });

  it("fails every call with the configured error", async () => {
    const failing = new MockBackend([onboarding], { failure: { code: "corrupt", message: "The library is corrupt" } });
    await expect(failing.libraryOverview()).rejects.toEqual({ code: "corrupt", message: "The library is corrupt" });
    await expect(failing.loadProcess(onboarding.id)).rejects.toMatchObject({ code: "corrupt" });
    await expect(failing.processHistory(onboarding.id)).rejects.toMatchObject({ code: "corrupt" });
    await expect(failing.tagVersion(onboarding.id, 1, "approved")).rejects.toMatchObject({ code: "corrupt" });
  });
});

describe("MockBackend history", () => {
  const days = ["2026-11-21T10:15:00Z", "2026-11-22T10:15:00.500Z"];
  const library = (clock?: () => string) =>
    new MockBackend([payablesV1, payablesV2, onboarding], {
      author: "Dana",
      savedAt: (_, number) => days[number - 1]!,
      ...(clock ? { clock } : {}),
    });

  it("lists versions oldest first with a hash chain", async () => {
    const history = await library().processHistory(payablesV1.id);
    expect(history.map((v) => [v.number, v.message, v.saved_at])).toEqual([
      [1, "Created", days[0]],
      [2, "Version 2", days[1]],
    ]);
    expect(history[0]!.prev_hash).toBeNull();
    expect(history[1]!.prev_hash).toBe(history[0]!.hash);
    expect(history[0]!.hash).not.toBe(history[1]!.hash);
  });

  it.each([
    ["before the first save", "2026-11-20T23:59:59.999Z", null],
    ["the instant of the first save", "2026-11-21T10:15:00Z", 1],
    ["a millisecond before the second", "2026-11-22T10:15:00.499Z", 1],
    ["the instant of the second, written with an offset", "2026-11-22T11:15:00.500+01:00", 2],
    ["long after", "2030-01-01T00:00:00Z", 2],
  ])("versionAt %s", async (_, at, expected) => {
    const found = await library().versionAt(payablesV1.id, at);
    expect(found?.number ?? null).toBe(expected);
  });

  it("versionAt picks the highest number among versions saved at the same instant, like the store", async () => {
    const sameTime = new MockBackend([payablesV1, payablesV2], { savedAt: "2026-11-21T10:15:00Z" });
    expect((await sameTime.versionAt(payablesV1.id, "2026-11-21T10:15:00Z"))?.number).toBe(2);
  });

  it("versionAt refuses a time it cannot read", async () => {
    await expect(library().versionAt(payablesV1.id, "yesterday")).rejects.toMatchObject({ code: "invalid" });
  });

  it("restore appends the old definition as the next version and never rewrites history", async () => {
    const backend = library(() => "2026-11-23T08:00:00Z");
    const before = await backend.processHistory(payablesV1.id);
    const restored = await backend.restoreVersion(payablesV1.id, 1);
    expect(restored).toMatchObject({ number: 3, message: "Restore version 1", author: "Dana", saved_at: "2026-11-23T08:00:00Z", tags: [] });
    expect(restored.hash).toBe(before[0]!.hash);
    expect(restored.prev_hash).toBe(before[1]!.hash);
    const after = await backend.processHistory(payablesV1.id);
    expect(after.slice(0, 2)).toEqual(before);
    expect((await backend.loadProcess(payablesV1.id)).process).toEqual(payablesV1);
    const overview = await backend.libraryOverview();
    expect(overview.processes.find((p) => p.id === payablesV1.id)).toMatchObject({ latest: 3, saved_at: "2026-11-23T08:00:00Z" });
  });

  it("restore is stamped an hour after the latest version when no clock is given", async () => {
    const restored = await library().restoreVersion(payablesV1.id, 1);
    expect(restored.saved_at).toBe("2026-11-22T11:15:00.500Z");
  });

  it("restore of what is already current is refused as unchanged", async () => {
    const backend = library();
    await expect(backend.restoreVersion(payablesV1.id, 2)).rejects.toEqual({
      code: "unchanged",
      message: "nothing changed since version 2; no new version was saved",
    });
    await backend.restoreVersion(payablesV1.id, 1);
    // v3 is v1's definition again, so restoring v1 once more would save nothing new.
    await expect(backend.restoreVersion(payablesV1.id, 1)).rejects.toMatchObject({ code: "unchanged" });
    expect(await backend.processHistory(payablesV1.id)).toHaveLength(3);
  });

  it("tags persist, are trimmed, sorted and idempotent, per version", async () => {
    const backend = library();
    await backend.tagVersion(payablesV1.id, 2, "in production");
    await backend.tagVersion(payablesV1.id, 2, " approved ");
    await backend.tagVersion(payablesV1.id, 2, "approved");
    const history = await backend.processHistory(payablesV1.id);
    expect(history.map((v) => v.tags)).toEqual([[], ["approved", "in production"]]);
    expect((await backend.loadProcess(payablesV1.id, 2)).version.tags).toEqual(["approved", "in production"]);
    expect((await backend.versionAt(payablesV1.id, "2030-01-01T00:00:00Z"))?.tags).toEqual(["approved", "in production"]);
  });

  it("refuses an empty tag", async () => {
    await expect(library().tagVersion(payablesV1.id, 1, "   ")).rejects.toMatchObject({ code: "invalid" });
  });

  it("hands out copies of version info", async () => {
    const backend = library();
    const [first] = await backend.processHistory(payablesV1.id);
    first!.tags.push("sneaky");
    expect((await backend.processHistory(payablesV1.id))[0]!.tags).toEqual([]);
  });
});

describe("MockBackend compare, validate and verify", () => {
  const library = () =>
    new MockBackend([payablesV1, payablesV2, vendorPayments], {
      comparisons: [compareV1V2],
      problems: { [vendorPayments.id]: vendorProblems },
    });

  it("answers a comparison from its fixtures, with both versions loaded", async () => {
    const comparison = await library().compareVersions(payablesV1.id, 1, 2);
    expect(comparison.old.version.number).toBe(1);
    expect(comparison.new.process.nodes).toHaveLength(payablesV2.nodes.length);
    expect(comparison.diff).toEqual(compareV1V2.diff);
    expect(comparison.text.hunks).toHaveLength(2);
    await expect(library().compareVersions(payablesV1.id, 2, 1)).rejects.toMatchObject({ code: "unsupported" });
    await expect(library().compareVersions(payablesV1.id, 1, 5)).rejects.toMatchObject({ code: "unknown_version" });
  });

  it("validates with the given problems, none by default", async () => {
    expect(await library().validateProcess(vendorPayments.id)).toEqual(vendorProblems);
    expect(await library().validateProcess(payablesV1.id, 1)).toEqual([]);
    await expect(library().validateProcess(payablesV1.id, 3)).rejects.toMatchObject({ code: "unknown_version" });
  });

  it("verifies clean by default, or reports the given tampering", async () => {
    expect(await library().verifyLibrary()).toEqual({ processes: 2, versions: 3, problems: [] });
    const tampered = new MockBackend([payablesV1], { verify: verifyTampered });
    expect((await tampered.verifyLibrary()).problems.map((p) => p.kind)).toEqual(["missing_trigger", "unreadable_row", "edited_definition", "unreadable_row"]);
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
    await backend.processHistory("abc");
    await backend.versionAt("abc", "2026-11-21T23:59:59.999Z");
    await backend.restoreVersion("abc", 1);
    await backend.tagVersion("abc", 2, "approved");
    await backend.compareVersions("abc", 1, 2);
    await backend.verifyLibrary();
    await backend.validateProcess("abc");
    await backend.validateProcess("abc", 2);
    expect(calls).toEqual([
      ["library_overview", undefined],
      ["load_process", { id: "abc", version: null }],
      ["load_process", { id: "abc", version: 3 }],
      ["process_history", { id: "abc" }],
      ["version_at", { id: "abc", at: "2026-11-21T23:59:59.999Z" }],
      ["restore_version", { id: "abc", number: 1 }],
      ["tag_version", { id: "abc", number: 2, tag: "approved" }],
      ["compare_versions", { id: "abc", from: 1, to: 2 }],
      ["verify_library", {}],
      ["validate_process", { id: "abc", version: null }],
      ["validate_process", { id: "abc", version: 2 }],
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
