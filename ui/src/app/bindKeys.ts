import { isEditable, Keymap, type Action, type ActionId, type KeyContext } from "./keymap";
import type { LayeredModes } from "./layeredModes";
import type { Parts } from "./parts";
import type { VersionActions } from "./versionActions";
import type { Workspace } from "./workspace";
import type { NewKind } from "../editor/placement";

/** The palette's keys: the elements a process is mostly built of. */
const PALETTE_KEYS: Record<string, NewKind> = { t: "task", d: "gateway", s: "start", e: "end", w: "timer" };

const ARROW_DIRECTIONS: Record<string, "left" | "right" | "up" | "down"> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

/** The app's keymap: each action of the shortcut table bound to what it does here. */
export function bindKeys(parts: Parts, workspace: Workspace, versions: VersionActions, layered: LayeredModes): Keymap {
  return new Keymap(keyActions(parts, versions, layered), (event) => keyContext(parts, workspace, event.target));
}

/**
 * Where a key (or a menu choice) lands: the mode, the working copy, and the element it was
 * typed in. None while a modal (a confirmation, a form, the what-if dialog, the help) owns the keyboard.
 */
export function keyContext(parts: Parts, workspace: Workspace, target: EventTarget | null): KeyContext | null {
  if (document.querySelector(".modal-backdrop:not([hidden])")) return null;
  return { mode: parts.modes.mode.kind, workingCopy: !!workspace.shown?.doc, inField: isEditable(target), onCanvas: target === parts.canvas.element };
}

/** What each action of the shortcut table does in this app. */
export function keyActions(parts: Parts, versions: VersionActions, layered: LayeredModes): Record<ActionId, Action> {
  const { editor, simulation, problems, canvas } = parts;
  return {
    undo: () => editor.undo(),
    redo: () => editor.redo(),
    delete: () => void editor.deleteSelection(),
    copy: () => void editor.copySelection(),
    cut: () => void editor.cutSelection(),
    paste: () => void editor.paste(),
    "cancel-tool": () => editor.cancelTool(),
    palette: (event) => editor.armKey(PALETTE_KEYS[event.key.toLowerCase()]!),
    place: (event) => editor.placeArmed(event.key === "ArrowDown" ? "below" : event.key === "ArrowUp" ? "above" : "after"),
    rename: () => editor.startRename(),
    "move-lane": (event) => editor.moveLane(event.key === "ArrowUp" ? -1 : 1),
    "select-all": () => editor.selectAll(),
    "tidy-up": () => void editor.tidyUp(),
    find: () => parts.findBox.open(),
    "save-version": () => void versions.saveVersion(),
    // Ctrl on every platform: Cmd+H hides the app on macOS.
    history: () => versions.toggleHistory(true),
    // Ctrl+R would reload the page; here it starts or ends simulation mode.
    simulate: () => layered.toggleSimulation(),
    "simulation-step": (event) => (event.key === "ArrowLeft" ? simulation.stepBack() : void simulation.stepForward()),
    "what-if": () => {
      if (parts.screen.batchOpen.disabled) return false;
      parts.batch.open();
    },
    export: () => parts.exportMenu.open(),
    problems: () => problems.setOpen(!problems.isOpen, true),
    "exit-compare": () => void layered.exitCompare(),
    "exit-reality": () => layered.toggleReality(),
    zoom: (event) => canvas.zoomStep(event.key === "+" || event.key === "=" ? 1 : -1),
    fit: () => canvas.fit(),
    pan: (event) => canvas.panStep(ARROW_DIRECTIONS[event.key]!, event.shiftKey),
    help: () => parts.help.open(),
  };
}
