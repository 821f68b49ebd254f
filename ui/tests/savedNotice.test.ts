import { describe, expect, it } from "vitest";
import type { Problem, VersionInfo } from "../src/backend";
import { nothingChangedSince, savedNotice, saveVersionButton } from "../src/app/versionActions";

const version = { number: 3 } as VersionInfo;
const error = { severity: "error", code: "condition-syntax", message: "m", hint: "h", element: null, path: [] } as Problem;

describe("the status line after Save version", () => {
  it("names the version of a clean save", () => {
    expect(savedNotice("Claims", { version, errors: [] })).toBe("Saved Claims v3");
  });

  it("says how many errors the save accepted", () => {
    expect(savedNotice("Claims", { version, errors: [error] })).toBe("Saved Claims v3 with 1 error (see Problems)");
    expect(savedNotice("Claims", { version, errors: [error, error] })).toBe("Saved Claims v3 with 2 errors (see Problems)");
  });
});

describe("Save version on a working copy with nothing to save", () => {
  const clean = { can_undo: false, can_redo: false, unsaved: false };
  const edited = { ...clean, unsaved: true };

  it("is off, saying since which version nothing changed", () => {
    expect(nothingChangedSince(clean, 2, 2)).toBe(2);
    expect(saveVersionButton(clean, 2, 2)).toEqual({ disabled: true, title: "Nothing changed since v2" });
  });

  it("is on once the working copy differs from its version", () => {
    expect(nothingChangedSince(edited, 2, 2)).toBeNull();
    expect(saveVersionButton(edited, 2, 2).disabled).toBe(false);
  });

  it("is on for a process never saved and over a newer version saved elsewhere", () => {
    expect(saveVersionButton(clean, null, 0).disabled).toBe(false);
    expect(saveVersionButton(clean, 2, 3).disabled).toBe(false);
  });

  it("is off without a working copy", () => {
    expect(saveVersionButton(null, 2, 2).disabled).toBe(true);
  });
});
