import { describe, expect, it } from "vitest";
import { unifiedLines } from "../src/compare/textDiff";
import { comparedPair } from "../src/panels/compareForm";
import { compareV1V2 } from "./fixtures";

describe("unified text diff", () => {
  it("turns a changed row into its old line then its new one, numbered on their sides", () => {
    const lines = unifiedLines(compareV1V2.text.hunks[1]!.rows);
    const changed = lines.findIndex((l) => l.sign === "-" && l.line.spans.some((s) => s.text.includes("Schedule payment")));
    expect(lines.slice(changed, changed + 2).map((l) => [l.sign, l.old, l.new])).toEqual([
      ["-", 29, null],
      ["+", null, 40],
    ]);
    expect(lines[changed]!.line.spans.filter((s) => s.emphasised).map((s) => s.text)).toEqual(['"Schedule payment"']);
    expect(lines[0]).toMatchObject({ sign: " ", old: 16, new: 17 });
    expect(lines.filter((l) => l.sign === "+")).toHaveLength(21);
  });
});

describe("compare form", () => {
  it("orders a picked pair older first and refuses one version twice", () => {
    expect(comparedPair(3, 1)).toEqual([1, 3]);
    expect(comparedPair(1, 2)).toEqual([1, 2]);
    expect(comparedPair(2, 2)).toBeNull();
  });
});
