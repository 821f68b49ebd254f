import { isEditable, Keymap, type Action, type ActionId } from "./keymap";
import type { LayeredModes } from "./layeredModes";
import type { Parts } from "./parts";
import type { VersionActions } from "./versionActions";
import type { Workspace } from "./workspace";

/** The app's keymap: each action of the shortcut table bound to what it does here. */
export function bindKeys(parts: Parts, workspace: Workspace, versions: VersionActions, layered: LayeredModes): Keymap {
  const { editor, simulation, problems, canvas } = parts;
  const actions: Record<ActionId, Action> = {
    undo: () => editor.undo(),
    redo: () => editor.redo(),
    delete: () => void editor.deleteSelection(),
    copy: () => void editor.copySelection(),
    cut: () => void editor.cutSelection(),
    paste: () => void editor.paste(),
    "cancel-tool": () => editor.cancelTool(),
    "move-lane-up": () => editor.moveLane(-1),
    "move-lane-down": () => editor.moveLane(1),
    "select-all": () => editor.selectAll(),
    find: () => parts.findBox.open(),
    "save-version": () => void versions.saveVersion(),
    // Ctrl on every platform: Cmd+H hides the app on macOS.
    history: () => versions.toggleHistory(true),
    // Ctrl+R would reload the page; here it starts or ends simulation mode.
    simulate: () => layered.toggleSimulation(),
    "simulation-back": () => simulation.stepBack(),
    "simulation-forward": () => void simulation.stepForward(),
    "what-if": () => {
      if (parts.screen.batchOpen.disabled) return false;
      parts.batch.open();
    },
    export: () => parts.exportMenu.open(),
    problems: () => problems.setOpen(!problems.isOpen, true),
    "exit-compare": () => void layered.exitCompare(),
    "zoom-in": () => canvas.zoomStep(1),
    "zoom-out": () => canvas.zoomStep(-1),
    fit: () => canvas.fit(),
    "pan-left": (event) => canvas.panStep("left", event.shiftKey),
    "pan-right": (event) => canvas.panStep("right", event.shiftKey),
    "pan-up": (event) => canvas.panStep("up", event.shiftKey),
    "pan-down": (event) => canvas.panStep("down", event.shiftKey),
    help: () => parts.help.open(),
  };
  return new Keymap(actions, (event) => {
    // A modal (a confirmation, a form, the what-if dialog, this help) owns the keyboard while open.
    if (document.querySelector(".modal-backdrop:not([hidden])")) return null;
    return { mode: parts.modes.mode.kind, workingCopy: !!workspace.shown?.doc, inField: isEditable(event.target), onCanvas: event.target === canvas.element };
  });
}
