import type { FileComparison } from "../backend";
import { changeSummary } from "../compare/changeRows";
import type { Problem } from "../generated/Problem";
import type { Process } from "../generated/Process";
import { enterCompare, enterCounterexample, enterReality, enterSimulation, leaveCompare, leaveReality, leaveSimulation, type Mode } from "./mode";
import { fail, say, type Parts } from "./parts";
import type { Workspace } from "./workspace";

/**
 * Entering the modes layered over the shown process: compare, simulate and counterexample. Each
 * loads what its mode carries, then makes the transition; the mode reactions open its panel and
 * undo what the previous mode left behind.
 */
export class LayeredModes {
  constructor(
    private readonly parts: Parts,
    private readonly workspace: Workspace,
    /** Refills the history panel. */
    private readonly reloadHistory: () => void,
  ) {}

  /** Compare mode: the newer version on the canvas with the overlay, the change list beside it. */
  async compareVersions(from: number, to: number): Promise<void> {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    if (!shown) return;
    const ticket = workspace.nextTicket();
    const name = shown.summary.name;
    say(parts, `Comparing ${name} v${from} with v${to}…`);
    try {
      const comparison = await parts.backend.compareVersions(shown.summary.id, from, to);
      if (!workspace.isCurrent(ticket) || shown !== workspace.shown) return;
      const origin = { returnTo: shown.version, historyWasOpen: parts.history.isOpen };
      const { old, new: now, diff } = comparison;
      shown.latest = Math.max(shown.latest, now.version.number);
      shown.version = now.version.number;
      shown.process = now.process;
      shown.names = now.names;
      workspace.revealCanvas();
      parts.header.showComparison(old.version, now);
      parts.screen.canvasHost.classList.remove("read-only");
      parts.canvas.show(now.process, { number: now.version.number, readOnly: now.version.number < shown.latest });
      parts.editor.open(null, true);
      parts.modes.go((s) => enterCompare(s, shown.summary.id, comparison, origin));
      say(parts, `${name}: v${from} → v${to} · ${changeSummary(diff)}`);
      parts.validation.changed({ id: shown.summary.id, version: now.version.number });
    } catch (error) {
      if (!workspace.isCurrent(ticket)) return;
      fail(parts, error, `${name} v${from} and v${to} could not be compared`);
      say(parts, `${name} v${from} and v${to} could not be compared`);
    }
  }

  /**
   * Compare mode on two files named at launch (`--compare OLD NEW`): read-only, the newer side
   * on the canvas; exit returns to what was shown.
   */
  compareFiles(comparison: FileComparison): void {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    // A load still under way must not draw over the comparison.
    workspace.nextTicket();
    const origin = { returnTo: shown?.version ?? null, historyWasOpen: parts.history.isOpen };
    workspace.revealCanvas();
    parts.header.showFiles(comparison);
    parts.screen.canvasHost.classList.remove("read-only");
    parts.canvas.show(comparison.new.process, { number: 0, readOnly: true });
    parts.editor.open(null, true);
    parts.modes.go((s) => enterCompare(s, null, comparison, origin));
    say(parts, `${comparison.old.label} → ${comparison.new.label} · ${changeSummary(comparison.diff)}`);
  }

  /** Ends compare mode and reopens what was shown before it (nothing, after two files compared at start). */
  async exitCompare(): Promise<void> {
    const { parts, workspace } = this;
    const mode: Mode = parts.modes.mode;
    const version = mode.kind === "compare" ? (mode.returnTo ?? undefined) : undefined;
    parts.modes.go(leaveCompare);
    if (parts.history.isOpen) this.reloadHistory();
    if (!workspace.shown) {
      parts.canvas.clear();
      parts.header.clear();
      parts.screen.emptyState.hidden = false;
      parts.screen.zoomControls.hidden = true;
      say(parts, "Comparison closed");
      return;
    }
    await workspace.openVersion(version);
  }

  /**
   * Simulation and reality run on the saved version shown: with unsaved changes on the canvas,
   * that version is loaded.
   */
  private savedVersion(id: string, version: number, shown: Process, unsaved: boolean): { unsaved: boolean; saved: Promise<Process> } {
    const saved = unsaved ? this.parts.backend.loadProcess(id, version).then((l) => l.process) : Promise.resolve(shown);
    return { unsaved, saved };
  }

  /** Simulation mode on the saved version shown, or back to the normal view. */
  toggleSimulation(): void {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    if (parts.modes.mode.kind === "simulate") {
      parts.modes.go(leaveSimulation);
      return;
    }
    if (!shown?.process || shown.version === null) return;
    const version = shown.version;
    const { unsaved, saved } = this.savedVersion(shown.summary.id, version, shown.process, shown.doc?.state.unsaved ?? false);
    void saved.then(
      (process) => {
        if (shown !== workspace.shown || parts.modes.mode.kind === "simulate") return;
        // The start form proposes today (UTC); the run's time is whatever the user enters.
        const today = new Date().toISOString().slice(0, 10);
        parts.modes.go((s) => enterSimulation(s, shown.summary.id, { process, version, today }));
        const note = unsaved ? " (the saved version: save a version to simulate your changes)" : "";
        say(parts, `Simulating ${process.info.name} v${version}${note}`);
      },
      (error: unknown) => fail(parts, error, `v${version} could not be loaded for simulation`),
    );
  }

  /** Reality mode on the saved version shown (its logs, conformance, mapping, performance), or back. */
  toggleReality(): void {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    if (parts.modes.mode.kind === "reality") {
      parts.modes.go(leaveReality);
      return;
    }
    if (!shown?.process || shown.version === null) return;
    const version = shown.version;
    const { unsaved, saved } = this.savedVersion(shown.summary.id, version, shown.process, shown.doc?.state.unsaved ?? false);
    void saved.then(
      (process) => {
        if (shown !== workspace.shown) return;
        parts.modes.go((s) => enterReality(s, shown.summary.id, version, process));
        say(parts, `Reality: ${process.info.name} v${version}${unsaved ? " (the saved version)" : ""}`);
      },
      (error: unknown) => fail(parts, error, `v${version} could not be loaded`),
    );
  }

  /** Leaves reality for the step simulator on a case of a stored log, as the case ran. */
  async replayLogCase(c: { process: string; version: number; definition: Process; log: number; case: string }): Promise<void> {
    const { parts } = this;
    say(parts, `Replaying case ${c.case} of log ${c.log}…`);
    try {
      const replay = await parts.backend.replayLogCase({ id: c.process, version: c.version, log: c.log }, c.case);
      if (parts.modes.mode.kind !== "reality" || parts.modes.mode.process !== c.process) return;
      const today = new Date().toISOString().slice(0, 10);
      const caseReplay = { replay, case: c.case, log: c.log };
      parts.modes.go((s) => enterSimulation(s, c.process, { process: c.definition, version: c.version, today, caseReplay }));
    } catch (error) {
      fail(parts, error, `Case ${c.case} of log ${c.log} could not be replayed`);
    }
  }

  /** Leaves reality and opens the process drafted from a log, for editing like any draft. */
  async openDrafted(id: string, name: string): Promise<void> {
    const { parts, workspace } = this;
    parts.modes.go(leaveReality);
    await workspace.refreshProcessList();
    const summary = workspace.processes.find((p) => p.id === id);
    if (!summary) {
      say(parts, `Drafted ${name}, but the process list does not show it yet: choose it there`);
      return;
    }
    await workspace.open(summary);
    say(parts, `Drafted ${name}: edit it and save a version`);
  }

  /** Steps through the run that shows a soundness problem; editing pauses meanwhile. */
  playCounterexample(problem: Problem): void {
    const { parts } = this;
    const shown = this.workspace.shown;
    const process = shown?.process;
    if (!shown || !process) return;
    const names = shown.names;
    parts.modes.go((s) => enterCounterexample(s, shown.summary.id, { process, names }, problem));
    say(parts, `Playing the run behind: ${problem.message}`);
  }
}
