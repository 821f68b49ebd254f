import { describe, expect, it } from "vitest";
import type { Problem, VersionInfo } from "../src/backend";
import { savedNotice } from "../src/app/versionActions";

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
