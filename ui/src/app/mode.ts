import type { Comparison, FileComparison, MergeView, Problem } from "../backend";
import type { Process } from "../generated/Process";
import type { Names } from "../names";
import type { Subject } from "../simulation/simulationMode";

/**
 * The app's modes as data: what the window is doing, one mode at a time, and the legal moves
 * between them. Every transition is a pure function from one state to the next; an illegal move
 * returns the state it was given (the same object), so nothing changes and nobody is told.
 * Leaving a mode is part of the transition into the next one: entering compare from a running
 * simulation ends the simulation, because the simulation is simply no longer the mode.
 */

/** What the canvas shows when nothing is layered over it. */
export type BaseMode =
  | { kind: "none" }
  /** The process's working copy, editable. */
  | { kind: "edit"; process: string }
  /** A saved version; `readOnly` when it is older than the latest. */
  | { kind: "version"; process: string; version: number; readOnly: boolean };

/** A mode over a base: leaving it returns to `back`. Each carries what its panel shows. */
export type OverlayMode =
  /**
   * Two versions of the process with the change overlay, or two files named at launch (`process`
   * null: nothing of the library, read-only); `returnTo` is the version exit reopens (null: the
   * working copy).
   */
  | { kind: "compare"; process: string | null; comparison: Comparison | FileComparison; back: BaseMode; returnTo: number | null; historyWasOpen: boolean }
  /** Stepping through runs of a saved version (`subject`: the definition, its version, the proposed start day). */
  | { kind: "simulate"; process: string; subject: Subject; back: BaseMode }
  /** Playing the run that shows a soundness problem of `definition`. */
  | { kind: "counterexample"; process: string; definition: Process; names: Names; problem: Problem; back: BaseMode }
  /** Event logs of `process` against its saved version `version` (drawn read-only, with what the log did over it). */
  | { kind: "reality"; process: string; version: number; definition: Process; back: BaseMode };

export type Mode = BaseMode | OverlayMode;
export type ModeKind = Mode["kind"];

/**
 * Everything the window is in: its mode, and the merges the sync panel lists. Merges are a
 * layer over any mode, not a mode of their own: editing goes on while conflicts wait for choices.
 */
export interface AppState {
  readonly mode: Mode;
  readonly merges: readonly MergeView[];
}

export const START: AppState = { mode: { kind: "none" }, merges: [] };

/** The mode under `mode`: itself for a base mode. */
export function baseOf(mode: Mode): BaseMode {
  return "back" in mode ? mode.back : mode;
}

function withMode(state: AppState, mode: Mode): AppState {
  return { ...state, mode };
}

/** The working copy of `process` is on the canvas; whatever was layered over the old view ends. */
export function showWorkingCopy(state: AppState, process: string): AppState {
  return withMode(state, { kind: "edit", process });
}

/** A saved version of `process` is on the canvas, read-only when older than the latest. */
export function showVersion(state: AppState, process: string, version: number, readOnly: boolean): AppState {
  return withMode(state, { kind: "version", process, version, readOnly });
}

/** Ends any compare, simulation, counterexample or reality: back to the base mode (a no-op on a base). */
export function settle(state: AppState): AppState {
  return "back" in state.mode ? withMode(state, state.mode.back) : state;
}

/**
 * Compares two versions of `process`. Comparing again while comparing keeps what the first
 * comparison will return to; a simulation or counterexample ends.
 */
export function enterCompare(state: AppState, process: string | null, comparison: Comparison | FileComparison, origin: { returnTo: number | null; historyWasOpen: boolean }): AppState {
  const { mode } = state;
  if (mode.kind === "compare") return withMode(state, { ...mode, process, comparison });
  return withMode(state, { kind: "compare", process, comparison, back: baseOf(mode), ...origin });
}

export function leaveCompare(state: AppState): AppState {
  return state.mode.kind === "compare" ? settle(state) : state;
}

/** Simulates a saved version of `process`; refused while a simulation runs (it must be left first). */
export function enterSimulation(state: AppState, process: string, subject: Subject): AppState {
  const { mode } = state;
  if (mode.kind === "simulate") return state;
  return withMode(state, { kind: "simulate", process, subject, back: baseOf(mode) });
}

export function leaveSimulation(state: AppState): AppState {
  return state.mode.kind === "simulate" ? settle(state) : state;
}

/** Plays the run behind `problem` over `definition`; a newer problem replaces the one playing. */
export function enterCounterexample(state: AppState, process: string, shown: { process: Process; names: Names }, problem: Problem): AppState {
  return withMode(state, { kind: "counterexample", process, definition: shown.process, names: shown.names, problem, back: baseOf(state.mode) });
}

export function leaveCounterexample(state: AppState): AppState {
  return state.mode.kind === "counterexample" ? settle(state) : state;
}

/** Reality mode on a saved version of `process`; entered again, it shows the version given. */
export function enterReality(state: AppState, process: string, version: number, definition: Process): AppState {
  const { mode } = state;
  if (mode.kind === "reality" && mode.process === process && mode.version === version) return state;
  return withMode(state, { kind: "reality", process, version, definition, back: baseOf(mode) });
}

export function leaveReality(state: AppState): AppState {
  return state.mode.kind === "reality" ? settle(state) : state;
}

/** The sync panel lists `merges` (an empty list closes it). Any mode keeps going underneath. */
export function enterMerge(state: AppState, merges: readonly MergeView[]): AppState {
  if (merges.length === 0) return leaveMerge(state);
  return { ...state, merges };
}

export function leaveMerge(state: AppState): AppState {
  return state.merges.length === 0 ? state : { ...state, merges: [] };
}

export type Transition = (state: AppState) => AppState;
export type ModeListener = (next: AppState, previous: AppState) => void;

/**
 * The one owner of the app state. `go` applies a transition; listeners hear of every real
 * change in the order they subscribed, with the state before it, so each can react to what it
 * left and what it entered. A transition started by a listener runs after the current round.
 */
export class AppModes {
  private current: AppState = START;
  private readonly listeners: ModeListener[] = [];
  private readonly queue: Transition[] = [];
  private notifying = false;

  get state(): AppState {
    return this.current;
  }

  get mode(): Mode {
    return this.current.mode;
  }

  subscribe(listener: ModeListener): void {
    this.listeners.push(listener);
  }

  go(transition: Transition): void {
    this.queue.push(transition);
    if (this.notifying) return;
    this.notifying = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const previous = this.current;
        const state = next(previous);
        if (state === previous) continue;
        this.current = state;
        for (const listener of this.listeners) listener(state, previous);
      }
    } finally {
      this.notifying = false;
      this.queue.length = 0;
    }
  }
}
