// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { AppModes, enterCompare, enterCounterexample, enterMerge, enterSimulation, leaveCompare, leaveCounterexample, settle, showVersion, showWorkingCopy } from "../src/app/mode";
import { reactToModes } from "../src/app/modeReactions";
import type { Parts } from "../src/app/parts";
import type { Shown } from "../src/app/workspace";
import type { MergeView } from "../src/backend";

/** Panels that write down what is done to them, in order. */
function fakeParts() {
  const log: string[] = [];
  let historyOpen = false;
  const simulateToggle = document.createElement("button");
  const parts = {
    modes: new AppModes(),
    screen: { simulateToggle },
    compare: { close: () => log.push("compare.close"), setTab: (tab: string) => log.push(`compare.tab ${tab}`) },
    simulation: { close: () => log.push("simulation.close") },
    counterexample: { stop: () => log.push("counterexample.stop") },
    history: {
      get isOpen() {
        return historyOpen;
      },
      setOpen: (open: boolean) => {
        historyOpen = open;
        log.push(`history ${open ? "open" : "closed"}`);
      },
    },
    editor: { open: (doc: unknown, readOnly: boolean) => log.push(`editor ${doc ? "doc" : "none"}${readOnly ? " read-only" : ""}`) },
    canvas: {
      show: (process: { id: string }) => log.push(`canvas ${process.id}`),
      setDecorations: (layer: string, value: unknown) => log.push(`decorations ${layer} ${value ? "set" : "cleared"}`),
    },
  };
  const doc = { process: { id: "working copy" } };
  const shown = { summary: { id: "p" }, version: 2, process: { id: "v1" }, doc } as unknown as Shown;
  reactToModes(parts as unknown as Parts, () => shown);
  const setHistory = (open: boolean) => (historyOpen = open);
  return { parts, modes: parts.modes, log, simulateToggle, setHistory };
}

describe("mode reactions", () => {
  it("entering compare from a simulation ends the simulation without the caller asking", () => {
    const { modes, log, simulateToggle, setHistory } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterSimulation(s, "p", 2));
    expect(simulateToggle.getAttribute("aria-pressed")).toBe("true");
    log.length = 0;
    setHistory(true);
    modes.go((s) => enterCompare(s, "p", { from: 1, to: 2, returnTo: 2, historyWasOpen: true }));
    expect(log).toEqual(["simulation.close", "history closed"]);
    expect(simulateToggle.getAttribute("aria-pressed")).toBe("false");
    log.length = 0;
    modes.go(leaveCompare);
    expect(log).toEqual(["compare.close", "history open"]);
  });

  it("leaving a simulation puts the working copy back on the canvas, editable", () => {
    const { modes, log } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterSimulation(s, "p", 2));
    expect(log).toEqual(["compare.tab diagram", "editor none read-only"]);
    log.length = 0;
    modes.go(settle);
    expect(log).toEqual(["simulation.close", "canvas working copy", "editor doc"]);
  });

  it("a simulation over a saved version returns to that version, still read-only", () => {
    const { modes, log } = fakeParts();
    modes.go((s) => showVersion(s, "p", 1, true));
    modes.go((s) => enterSimulation(s, "p", 1));
    log.length = 0;
    modes.go(settle);
    expect(log).toEqual(["simulation.close", "canvas v1", "editor none read-only"]);
  });

  it("a counterexample pauses editing; leaving it, or opening another version, stops the player", () => {
    const { modes, log } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterCounterexample(s, "p", "deadlock"));
    expect(log).toEqual(["editor none read-only"]);
    log.length = 0;
    modes.go(leaveCounterexample);
    expect(log).toEqual(["counterexample.stop", "editor doc"]);
    modes.go((s) => enterCounterexample(s, "p", "deadlock"));
    log.length = 0;
    modes.go((s) => showVersion(s, "p", 1, true));
    expect(log).toEqual(["counterexample.stop", "editor none read-only"]);
  });

  it("merges waiting mark their conflicts on the canvas and clear them when closed", () => {
    const { modes, log } = fakeParts();
    const merge = { process: "p", conflicts: [{ anchor: "n1", number: 1 }] } as unknown as MergeView;
    modes.go((s) => enterMerge(s, [merge]));
    modes.go((s) => enterMerge(s, []));
    expect(log).toEqual(["decorations conflicts set", "decorations conflicts cleared"]);
  });
});
