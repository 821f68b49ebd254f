// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { AppModes, enterCompare, enterCounterexample, enterMerge, enterSimulation, leaveCompare, leaveCounterexample, settle, showVersion, showWorkingCopy } from "../src/app/mode";
import { reactToModes } from "../src/app/modeReactions";
import type { Parts } from "../src/app/parts";
import type { Shown } from "../src/app/workspace";
import type { Comparison, MergeView, Problem } from "../src/backend";
import type { Process } from "../src/generated/Process";

const definition = { id: "p" } as Process;
const subject = (version: number) => ({ process: definition, version, today: "2026-12-05" });
const comparison = { old: { version: { number: 1 } }, new: { version: { number: 2 } } } as unknown as Comparison;
const deadlock = { message: "deadlock" } as Problem;
const origin = { returnTo: 2, historyWasOpen: true };

/** Panels that write down what is done to them, in order. */
function fakeParts() {
  const log: string[] = [];
  let historyOpen = false;
  const simulateToggle = document.createElement("button");
  const statusText = document.createElement("span");
  const parts = {
    modes: new AppModes(),
    screen: { simulateToggle, statusText },
    compare: {
      show: (c: Comparison) => log.push(`compare.show v${c.old.version.number}-v${c.new.version.number}`),
      focusList: () => log.push("compare.focusList"),
      close: () => log.push("compare.close"),
      setTab: (tab: string) => log.push(`compare.tab ${tab}`),
    },
    simulation: { open: (s: { version: number }) => log.push(`simulation.open v${s.version}`), close: () => log.push("simulation.close") },
    counterexample: { play: (_: Process, _names: unknown, p: Problem) => log.push(`counterexample.play ${p.message}`), stop: () => log.push("counterexample.stop") },
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
  return { parts, modes: parts.modes, log, simulateToggle, statusText, setHistory };
}

describe("mode reactions", () => {
  it("entering compare from a simulation ends the simulation without the caller asking", () => {
    const { modes, log, simulateToggle, setHistory } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterSimulation(s, "p", subject(2)));
    expect(simulateToggle.getAttribute("aria-pressed")).toBe("true");
    log.length = 0;
    setHistory(true);
    modes.go((s) => enterCompare(s, "p", comparison, origin));
    expect(log).toEqual(["simulation.close", "history closed", "compare.show v1-v2", "compare.focusList"]);
    expect(simulateToggle.getAttribute("aria-pressed")).toBe("false");
    log.length = 0;
    modes.go(leaveCompare);
    expect(log).toEqual(["compare.close", "history open"]);
  });

  it("leaving a simulation puts the working copy back on the canvas, editable", () => {
    const { modes, log } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterSimulation(s, "p", subject(2)));
    expect(log).toEqual(["compare.tab diagram", "editor none read-only", "simulation.open v2"]);
    log.length = 0;
    modes.go(settle);
    expect(log).toEqual(["simulation.close", "canvas working copy", "editor doc"]);
  });

  it('leaving a simulation takes "Simulating …" off the status bar', () => {
    const { modes, statusText } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterSimulation(s, "p", subject(2)));
    statusText.textContent = "Simulating Accounts payable v2";
    modes.go(settle);
    expect(statusText.textContent).toBe("Simulation closed");
  });

  it("a counterexample played during a simulation runs over the working copy, not the simulated version", () => {
    const { modes, log } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterSimulation(s, "p", subject(2)));
    log.length = 0;
    modes.go((s) => enterCounterexample(s, "p", { process: definition, names: {} }, deadlock));
    expect(log).toEqual(["simulation.close", "canvas working copy", "editor none read-only", "counterexample.play deadlock"]);
  });

  it("a simulation over a saved version returns to that version, still read-only", () => {
    const { modes, log } = fakeParts();
    modes.go((s) => showVersion(s, "p", 1, true));
    modes.go((s) => enterSimulation(s, "p", subject(1)));
    log.length = 0;
    modes.go(settle);
    expect(log).toEqual(["simulation.close", "canvas v1", "editor none read-only"]);
  });

  it("a counterexample pauses editing; leaving it, or opening another version, stops the player", () => {
    const { modes, log } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterCounterexample(s, "p", { process: definition, names: {} }, deadlock));
    expect(log).toEqual(["editor none read-only", "counterexample.play deadlock"]);
    log.length = 0;
    modes.go(leaveCounterexample);
    expect(log).toEqual(["counterexample.stop", "editor doc"]);
    modes.go((s) => enterCounterexample(s, "p", { process: definition, names: {} }, deadlock));
    log.length = 0;
    modes.go((s) => showVersion(s, "p", 1, true));
    expect(log).toEqual(["counterexample.stop", "editor none read-only"]);
  });

  it("another comparison while comparing, or another problem while playing, replaces what is shown without leaving", () => {
    const { modes, log } = fakeParts();
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterCompare(s, "p", comparison, origin));
    log.length = 0;
    modes.go((s) => enterCompare(s, "p", comparison, { returnTo: null, historyWasOpen: false }));
    expect(log).toEqual(["compare.show v1-v2", "compare.focusList"]);
    modes.go((s) => enterCounterexample(s, "p", { process: definition, names: {} }, deadlock));
    log.length = 0;
    modes.go((s) => enterCounterexample(s, "p", { process: definition, names: {} }, { message: "token left behind" } as Problem));
    expect(log).toEqual(["counterexample.play token left behind"]);
  });

  it("merges waiting mark their conflicts on the canvas and clear them when closed", () => {
    const { modes, log } = fakeParts();
    const merge = { process: "p", conflicts: [{ anchor: "n1", number: 1 }] } as unknown as MergeView;
    modes.go((s) => enterMerge(s, [merge]));
    modes.go((s) => enterMerge(s, []));
    expect(log).toEqual(["decorations conflicts set", "decorations conflicts cleared"]);
  });
});
