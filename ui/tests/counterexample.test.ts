import { describe, expect, it } from "vitest";
import { tokensAfter } from "../src/problems/counterexamplePlayer";

describe("tokensAfter", () => {
  const path = [
    { node: "start", consumed: [], produced: ["a"] },
    { node: "split", consumed: ["a"], produced: ["b", "c"] },
    { node: "task", consumed: ["b"], produced: ["d"] },
    { node: "merge", consumed: ["c"], produced: ["d"] },
  ];

  it("has no tokens before the start", () => {
    expect(tokensAfter(path, 0).size).toBe(0);
  });

  it("moves tokens along consumed and produced flows", () => {
    expect([...tokensAfter(path, 2)]).toEqual([
      ["b", 1],
      ["c", 1],
    ]);
  });

  it("counts two tokens on one flow (lack of synchronisation)", () => {
    expect([...tokensAfter(path, 4)]).toEqual([["d", 2]]);
  });
});
