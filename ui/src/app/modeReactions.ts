import type { MergeView } from "../backend";
import type { ElementDecoration } from "../canvas";
import { baseOf, type BaseMode, type Mode } from "./mode";
import type { Parts } from "./parts";
import type { Shown } from "./workspace";

/**
 * How the panels and the canvas follow the app's mode: each change first undoes what the mode
 * left behind (its panel, its bar, the editor it paused), then sets up what the new one needs
 * (opening the compare, simulation or counterexample panel with what the mode carries). The
 * loads that show a working copy, a saved version or a comparison draw the canvas themselves.
 */
export function reactToModes(parts: Parts, shown: () => Shown | null): void {
  parts.modes.subscribe((next, previous) => {
    const [now, was] = [next.mode, previous.mode];
    if (was.kind === "compare" && now.kind !== "compare") {
      parts.compare.close();
      if (was.historyWasOpen) parts.history.setOpen(true);
    }
    if (was.kind === "simulate" && now.kind !== "simulate") {
      parts.simulation.close();
      parts.screen.simulateToggle.setAttribute("aria-pressed", "false");
      // The status bar no longer says a simulation is on (what the next mode says replaces this).
      const status = parts.screen.statusText;
      if (/^(Simulating|Replaying) /.test(status.textContent ?? "")) status.textContent = "Simulation closed";
      // The simulation drew the version it ran; a comparison draws its own, anything else the base.
      if (now.kind !== "compare") redrawBase(parts, baseOf(now), shown());
      if (isBase(now)) resumeEditor(parts, now, shown());
    }
    if (was.kind === "reality" && now.kind !== "reality") {
      parts.reality.close();
      parts.screen.realityOpen.setAttribute("aria-pressed", "false");
      if (now.kind !== "compare" && now.kind !== "simulate") redrawBase(parts, baseOf(now), shown());
      if (isBase(now)) resumeEditor(parts, now, shown());
    }
    if (was.kind === "counterexample" && now.kind !== "counterexample") {
      parts.counterexample.stop();
      if (isBase(now)) resumeEditor(parts, now, shown());
    }
    if (now !== was) enter(parts, now, was, shown());
    if (next.merges !== previous.merges) markConflicts(parts, next.merges, shown());
  });
}

function isBase(mode: Mode): mode is BaseMode {
  return !("back" in mode);
}

/** Sets up `mode`, newly entered or entered again with other content (another comparison or problem). */
function enter(parts: Parts, mode: Mode, was: Mode, shown: Shown | null): void {
  switch (mode.kind) {
    case "compare":
      // The caller has put the newer version on the canvas.
      if (parts.history.isOpen) parts.history.setOpen(false);
      parts.compare.show(mode.comparison);
      parts.compare.focusList();
      break;
    case "simulate":
      if (parts.history.isOpen) parts.history.setOpen(false);
      parts.compare.setTab("diagram");
      parts.editor.open(null, true);
      parts.simulation.open(mode.subject);
      parts.screen.simulateToggle.setAttribute("aria-pressed", "true");
      break;
    case "counterexample":
      if (was.kind !== "counterexample") parts.editor.open(null, true);
      parts.counterexample.play(mode.definition, mode.names, mode.problem);
      break;
    case "reality":
      if (parts.history.isOpen) parts.history.setOpen(false);
      parts.compare.setTab("diagram");
      parts.editor.open(null, true);
      parts.canvas.show(mode.definition, { number: mode.version, readOnly: true });
      parts.screen.realityOpen.setAttribute("aria-pressed", "true");
      void parts.reality.open(mode.process, shown?.summary.name ?? mode.definition.info.name, mode.version, mode.definition);
      break;
    default:
      break;
  }
}

/** The base's definition on the canvas again: the working copy, or the saved version shown. */
function redrawBase(parts: Parts, base: BaseMode, shown: Shown | null): void {
  if (base.kind === "edit" && shown?.doc) {
    parts.canvas.show(shown.doc.process, { number: shown.version ?? 0, readOnly: false });
  } else if (base.kind === "version" && shown?.process) {
    parts.canvas.show(shown.process, { number: base.version, readOnly: base.readOnly });
  }
}

/** Back to the base mode: the working copy is editable again; a saved version stays read-only. */
function resumeEditor(parts: Parts, base: BaseMode, shown: Shown | null): void {
  if (base.kind === "edit" && shown?.doc) parts.editor.open(shown.doc, false);
  else if (base.kind === "version") parts.editor.open(null, true);
}

/**
 * While merges wait, the conflicts of the process on the canvas are marked there: each
 * element both sides changed gets a warning badge and a note saying which conflict it is.
 */
export function markConflicts(parts: Parts, merges: readonly MergeView[], shown: Shown | null): void {
  const merge = merges.find((m) => m.process === shown?.summary.id);
  if (!merge || merge.conflicts.length === 0) {
    parts.canvas.setDecorations("conflicts", null);
    return;
  }
  const byElementId: Record<string, ElementDecoration> = {};
  for (const c of merge.conflicts) {
    const before = byElementId[c.anchor]?.note;
    byElementId[c.anchor] = { highlight: "changed", marker: "warning", note: before ? `${before}, ${c.number}` : `conflict ${c.number}` };
  }
  parts.canvas.setDecorations("conflicts", { byElementId });
}
