import { describe, expect, it } from "vitest";
import type { Comparison, MergeView, Problem } from "../src/backend";
import type { Process } from "../src/generated/Process";
import type { Subject } from "../src/simulation/simulationMode";
import {
  AppModes,
  enterCompare,
  enterCounterexample,
  enterMerge,
  enterReality,
  enterSimulation,
  leaveCompare,
  leaveCounterexample,
  leaveMerge,
  leaveReality,
  leaveSimulation,
  settle,
  showVersion,
  showWorkingCopy,
  START,
  type AppState,
  type Mode,
  type ModeKind,
  type Transition,
} from "../src/app/mode";

// What the layered modes carry, reduced to what these tests look at.
const definition = { id: "p" } as Process;
const comparison = (from: number, to: number) => ({ old: { version: { number: from } }, new: { version: { number: to } } }) as unknown as Comparison;
const subject = (version: number): Subject => ({ process: definition, version, today: "2026-12-05" });
const problem = (message: string) => ({ message }) as Problem;

// One state of each kind, all about process "p" (the compare, simulation and counterexample
// states sit over the working copy).
const edit: Mode = { kind: "edit", process: "p" };
const v1: Mode = { kind: "version", process: "p", version: 1, readOnly: true };
const states: Record<ModeKind, AppState> = {
  none: START,
  edit: { mode: edit, merges: [] },
  version: { mode: v1, merges: [] },
  compare: { mode: { kind: "compare", process: "p", comparison: comparison(1, 2), back: edit, returnTo: 2, historyWasOpen: true }, merges: [] },
  simulate: { mode: { kind: "simulate", process: "p", subject: subject(2), back: edit }, merges: [] },
  counterexample: { mode: { kind: "counterexample", process: "p", definition, names: {}, problem: problem("deadlock"), back: edit }, merges: [] },
  reality: { mode: { kind: "reality", process: "p", version: 2, definition, back: edit }, merges: [] },
};

const origin = { returnTo: 3, historyWasOpen: false };
const transitions: Record<string, Transition> = {
  showWorkingCopy: (s) => showWorkingCopy(s, "p"),
  showVersion: (s) => showVersion(s, "p", 1, true),
  settle,
  enterCompare: (s) => enterCompare(s, "p", comparison(1, 3), origin),
  leaveCompare,
  enterSimulation: (s) => enterSimulation(s, "p", subject(2)),
  leaveSimulation,
  enterCounterexample: (s) => enterCounterexample(s, "p", { process: definition, names: {} }, problem("token left behind")),
  leaveCounterexample,
  enterReality: (s) => enterReality(s, "p", 1, definition),
  leaveReality,
};

/**
 * The transition table: for each mode (row) and transition (column), the mode it leads to, or
 * "refused" when the transition returns the very state it was given (nothing changes, nobody hears).
 */
const TABLE: Record<ModeKind, Record<keyof typeof transitions, ModeKind | "refused">> = {
  none: { showWorkingCopy: "edit", showVersion: "version", settle: "refused", enterCompare: "compare", leaveCompare: "refused", enterSimulation: "simulate", leaveSimulation: "refused", enterCounterexample: "counterexample", leaveCounterexample: "refused", enterReality: "reality", leaveReality: "refused" },
  edit: { showWorkingCopy: "edit", showVersion: "version", settle: "refused", enterCompare: "compare", leaveCompare: "refused", enterSimulation: "simulate", leaveSimulation: "refused", enterCounterexample: "counterexample", leaveCounterexample: "refused", enterReality: "reality", leaveReality: "refused" },
  version: { showWorkingCopy: "edit", showVersion: "version", settle: "refused", enterCompare: "compare", leaveCompare: "refused", enterSimulation: "simulate", leaveSimulation: "refused", enterCounterexample: "counterexample", leaveCounterexample: "refused", enterReality: "reality", leaveReality: "refused" },
  compare: { showWorkingCopy: "edit", showVersion: "version", settle: "edit", enterCompare: "compare", leaveCompare: "edit", enterSimulation: "simulate", leaveSimulation: "refused", enterCounterexample: "counterexample", leaveCounterexample: "refused", enterReality: "reality", leaveReality: "refused" },
  simulate: { showWorkingCopy: "edit", showVersion: "version", settle: "edit", enterCompare: "compare", leaveCompare: "refused", enterSimulation: "refused", leaveSimulation: "edit", enterCounterexample: "counterexample", leaveCounterexample: "refused", enterReality: "reality", leaveReality: "refused" },
  counterexample: { showWorkingCopy: "edit", showVersion: "version", settle: "edit", enterCompare: "compare", leaveCompare: "refused", enterSimulation: "simulate", leaveSimulation: "refused", enterCounterexample: "counterexample", leaveCounterexample: "edit", enterReality: "reality", leaveReality: "refused" },
  reality: { showWorkingCopy: "edit", showVersion: "version", settle: "edit", enterCompare: "compare", leaveCompare: "refused", enterSimulation: "simulate", leaveSimulation: "refused", enterCounterexample: "counterexample", leaveCounterexample: "refused", enterReality: "reality", leaveReality: "edit" },
};

describe("app mode transitions", () => {
  for (const [from, row] of Object.entries(TABLE) as Array<[ModeKind, Record<string, ModeKind | "refused">]>) {
    for (const [name, expected] of Object.entries(row)) {
      it(`${from} --${name}--> ${expected}`, () => {
        const before = states[from];
        const after = transitions[name]!(before);
        if (expected === "refused") {
          expect(after).toBe(before);
        } else {
          expect(after).not.toBe(before);
          expect(after.mode.kind).toBe(expected);
        }
      });
    }
  }

  it("reality entered again on the version it shows changes nothing; another version replaces it over the same base", () => {
    const shown = enterReality(states.version, "p", 2, definition);
    expect(enterReality(shown, "p", 2, definition)).toBe(shown);
    const other = enterReality(shown, "p", 1, definition);
    expect(other.mode).toMatchObject({ kind: "reality", version: 1, back: v1 });
    expect(leaveReality(other).mode).toEqual(v1);
  });

  it("a layered mode leaves to the base it was entered from", () => {
    const fromVersion = enterSimulation(states.version, "p", subject(1));
    expect(fromVersion.mode).toMatchObject({ kind: "simulate", back: v1 });
    expect(leaveSimulation(fromVersion).mode).toEqual(v1);
  });

  it("moving between layered modes keeps the base: compare over a simulation returns to the working copy", () => {
    const compared = enterCompare(states.simulate, "p", comparison(1, 3), origin);
    expect(compared.mode).toMatchObject({ kind: "compare", back: edit, returnTo: 3 });
    expect(leaveCompare(compared).mode).toEqual(edit);
    const played = enterCounterexample(compared, "p", { process: definition, names: {} }, problem("deadlock"));
    expect(played.mode).toMatchObject({ kind: "counterexample", back: edit });
  });

  it("comparing again while comparing keeps what the first comparison returns to", () => {
    const next = comparison(2, 3);
    const again = enterCompare(states.compare, "p", next, { returnTo: null, historyWasOpen: false });
    expect(again.mode).toEqual({ kind: "compare", process: "p", comparison: next, back: edit, returnTo: 2, historyWasOpen: true });
  });

  it("merges are a layer over any mode: entering or leaving them keeps the mode", () => {
    const merges = [{ process: "p" } as MergeView];
    for (const state of Object.values(states)) {
      const merging = enterMerge(state, merges);
      expect(merging.mode).toBe(state.mode);
      expect(merging.merges).toBe(merges);
      expect(leaveMerge(merging)).toEqual(state);
      expect(leaveMerge(state)).toBe(state);
      expect(enterMerge(state, [])).toBe(state);
      // A simulation goes on while the merge panel lists conflicts.
      expect(enterSimulation(merging, "p", subject(2)).merges).toBe(merges);
    }
  });
});

describe("AppModes", () => {
  it("tells listeners of each real change with the state before it, and nothing on a refused move", () => {
    const modes = new AppModes();
    const heard: Array<[ModeKind, ModeKind]> = [];
    modes.subscribe((next, previous) => heard.push([previous.mode.kind, next.mode.kind]));
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go(leaveSimulation);
    modes.go((s) => enterSimulation(s, "p", subject(1)));
    modes.go((s) => enterSimulation(s, "p", subject(1)));
    modes.go((s) => enterCompare(s, "p", comparison(1, 3), origin));
    modes.go(settle);
    expect(heard).toEqual([
      ["none", "edit"],
      ["edit", "simulate"],
      ["simulate", "compare"],
      ["compare", "edit"],
    ]);
    expect(modes.mode).toEqual(edit);
  });

  it("runs a transition a listener starts after every listener heard the current one", () => {
    const modes = new AppModes();
    const heard: string[] = [];
    modes.subscribe((next) => {
      heard.push(`first:${next.mode.kind}`);
      // Like the counterexample bar, whose stop() asks to leave the mode being left.
      if (next.mode.kind === "edit") modes.go(leaveCounterexample);
      if (next.mode.kind === "simulate") modes.go(leaveSimulation);
    });
    modes.subscribe((next) => heard.push(`second:${next.mode.kind}`));
    modes.go((s) => showWorkingCopy(s, "p"));
    modes.go((s) => enterSimulation(s, "p", subject(1)));
    expect(heard).toEqual(["first:edit", "second:edit", "first:simulate", "second:simulate", "first:edit", "second:edit"]);
    expect(modes.mode.kind).toBe("edit");
  });
});
