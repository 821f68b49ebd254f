import type { Shortcut } from "../editor/helpOverlay";
import type { ModeKind } from "./mode";

/** What a shortcut does; `bind` gives each one its action. */
export type ActionId =
  | "undo"
  | "redo"
  | "delete"
  | "copy"
  | "cut"
  | "paste"
  | "cancel-tool"
  | "palette"
  | "place"
  | "rename"
  | "move-lane"
  | "select-all"
  | "tidy-up"
  | "find"
  | "save-version"
  | "history"
  | "simulate"
  | "simulation-step"
  | "what-if"
  | "export"
  | "problems"
  | "exit-compare"
  | "exit-reality"
  | "zoom"
  | "fit"
  | "pan"
  | "help";

/**
 * One key combination. Letters match case-insensitively; `code` matches the physical key
 * (`KeyM`) where Shift changes what `key` says. Ctrl, Shift and Alt must be as given; a
 * modifier left undefined may be either way. `cmd` lets Cmd stand in for Ctrl.
 */
export interface Chord {
  key?: string;
  code?: string;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
  cmd?: boolean;
}

/**
 * When a shortcut applies. `anywhere` includes text fields; the others never fire from one.
 * `editing`: the working copy is open and neither a simulation nor a comparison covers it.
 * `canvas`: the diagram has the keyboard focus; `editing-canvas`: both.
 */
export type When = "anywhere" | "outside-fields" | "editing" | "editing-canvas" | "simulating" | "comparing" | "reality" | "canvas";

export type ShortcutGroup = "Editing" | "Selection" | "View" | "Versions";

/** A row of the table: what the help overlay lists and, for `action` rows, what the keymap answers. */
export type Binding =
  | { keys: string; label: string; group: ShortcutGroup; action: ActionId; chords: readonly Chord[]; when: When }
  /** A pointer gesture the canvas answers; listed, not dispatched here. */
  | { keys: string; label: string; group: ShortcutGroup; pointer: true };

const ARROWS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"];

/** Every shortcut of the app, in the order the help lists them within a group. */
export const KEYMAP: readonly Binding[] = [
  { keys: "Ctrl+Z", label: "Undo", group: "Editing", action: "undo", chords: [{ key: "z", ctrl: true, shift: false }], when: "editing" },
  { keys: "Ctrl+Shift+Z / Ctrl+Y", label: "Redo", group: "Editing", action: "redo", chords: [{ key: "z", ctrl: true, shift: true }, { key: "y", ctrl: true }], when: "editing" },
  { keys: "Delete / Backspace", label: "Delete the selection", group: "Editing", action: "delete", chords: [{ key: "Delete", ctrl: false }, { key: "Backspace", ctrl: false }], when: "editing" },
  { keys: "Ctrl+C", label: "Copy the selected steps", group: "Editing", action: "copy", chords: [{ key: "c", ctrl: true }], when: "editing" },
  { keys: "Ctrl+X", label: "Cut the selected steps", group: "Editing", action: "cut", chords: [{ key: "x", ctrl: true }], when: "editing" },
  { keys: "Ctrl+V", label: "Paste (also into another process)", group: "Editing", action: "paste", chords: [{ key: "v", ctrl: true }], when: "editing" },
  { keys: "Escape", label: "Cancel placing, connecting or a drag", group: "Editing", action: "cancel-tool", chords: [{ key: "Escape", ctrl: false }], when: "editing" },
  { keys: "T / D / S / E / W", label: "Pick a task, decision, start, end or timer from the palette", group: "Editing", action: "palette", chords: [..."tdsew"].map((key) => ({ key, ctrl: false })), when: "editing-canvas" },
  { keys: "Enter / → / ↓ / ↑", label: "Place the picked element after (below, above) the selected step, connected", group: "Editing", action: "place", chords: ["Enter", ...ARROWS.filter((key) => key !== "ArrowLeft")].map((key) => ({ key, ctrl: false })), when: "editing-canvas" },
  { keys: "F2 / Double-click", label: "Rename the selection in place", group: "Editing", action: "rename", chords: [{ key: "F2", ctrl: false }], when: "editing" },
  { keys: "Right-click", label: "Menu of what can be done with the element (or the process)", group: "Editing", pointer: true },
  { keys: "Alt+↑ / Alt+↓", label: "Move the selected workflow up / down", group: "Editing", action: "move-lane", chords: [{ key: "ArrowUp", alt: true, ctrl: false }, { key: "ArrowDown", alt: true, ctrl: false }], when: "editing" },
  { keys: "Ctrl+Shift+L", label: "Tidy up (the selected steps, or everything)", group: "Editing", action: "tidy-up", chords: [{ code: "KeyL", ctrl: true, shift: true }], when: "editing" },
  { keys: "Click", label: "Select a step, flow or workflow", group: "Selection", pointer: true },
  { keys: "Shift+Click", label: "Add to or remove from the selection", group: "Selection", pointer: true },
  { keys: "Shift+Drag", label: "Select the steps inside a rectangle", group: "Selection", pointer: true },
  { keys: "Ctrl+A", label: "Select every step", group: "Selection", action: "select-all", chords: [{ key: "a", ctrl: true }], when: "editing" },
  { keys: "Ctrl+F", label: "Find a step by name", group: "Selection", action: "find", chords: [{ key: "f", ctrl: true, shift: false, cmd: true }], when: "anywhere" },
  { keys: "Drag", label: "Move steps; on empty canvas, pan", group: "View", pointer: true },
  { keys: "Wheel / Pinch", label: "Zoom", group: "View", pointer: true },
  { keys: "+ / -", label: "Zoom in / out", group: "View", action: "zoom", chords: ["+", "=", "-", "_"].map((key) => ({ key, ctrl: false })), when: "canvas" },
  // Ctrl+0 too: it would otherwise reset the webview's own zoom.
  { keys: "0 / Ctrl+0", label: "Fit to screen", group: "View", action: "fit", chords: [{ key: "0" }], when: "canvas" },
  { keys: "← / → / ↑ / ↓", label: "Pan (with Shift, further)", group: "View", action: "pan", chords: ARROWS.map((key) => ({ key, ctrl: false })), when: "canvas" },
  { keys: "?", label: "This list", group: "View", action: "help", chords: [{ key: "?", ctrl: false }], when: "outside-fields" },
  { keys: "Ctrl+S", label: "Save version", group: "Versions", action: "save-version", chords: [{ key: "s", ctrl: true, shift: false }], when: "anywhere" },
  { keys: "Ctrl+H", label: "Version history", group: "Versions", action: "history", chords: [{ key: "h", ctrl: true, shift: false }], when: "anywhere" },
  { keys: "Escape", label: "Leave compare", group: "Versions", action: "exit-compare", chords: [{ key: "Escape", ctrl: false }], when: "comparing" },
  { keys: "Escape", label: "Leave reality", group: "Versions", action: "exit-reality", chords: [{ key: "Escape", ctrl: false }], when: "reality" },
  { keys: "Ctrl+R", label: "Simulate", group: "Versions", action: "simulate", chords: [{ key: "r", ctrl: true, shift: false }], when: "anywhere" },
  { keys: "Alt+← / Alt+→", label: "Simulation: step back / forward", group: "Versions", action: "simulation-step", chords: [{ key: "ArrowLeft", alt: true, ctrl: false }, { key: "ArrowRight", alt: true, ctrl: false }], when: "simulating" },
  { keys: "Ctrl+B", label: "What-if (many runs at once)", group: "Versions", action: "what-if", chords: [{ key: "b", ctrl: true, shift: false }], when: "anywhere" },
  { keys: "Ctrl+E", label: "Export", group: "Versions", action: "export", chords: [{ key: "e", ctrl: true, shift: false }], when: "anywhere" },
  { keys: "Ctrl+Shift+M", label: "Problems", group: "Versions", action: "problems", chords: [{ code: "KeyM", ctrl: true, shift: true }], when: "anywhere" },
];

/** What the help overlay lists: every row of the table, one entry per row. */
export function helpEntries(keymap: readonly Binding[] = KEYMAP): Shortcut[] {
  return keymap.map(({ keys, label, group }) => ({ keys, action: label, group }));
}

/** The key event as the keymap sees it (a KeyboardEvent fits). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function matches(chord: Chord, press: KeyPress): boolean {
  if (chord.code !== undefined ? press.code !== chord.code : press.key.toLowerCase() !== chord.key!.toLowerCase()) return false;
  const ctrl = press.ctrlKey || (chord.cmd === true && press.metaKey);
  if (press.metaKey && !chord.cmd) return false;
  if (chord.ctrl !== undefined && ctrl !== chord.ctrl) return false;
  if (chord.shift !== undefined && press.shiftKey !== chord.shift) return false;
  return press.altKey === (chord.alt ?? false);
}

/** What `when` is decided on: the mode, whether a working copy is open, and where the key was typed. */
export interface KeyContext {
  mode: ModeKind;
  workingCopy: boolean;
  inField: boolean;
  onCanvas: boolean;
}

export function applies(when: When, context: KeyContext): boolean {
  if (when === "anywhere") return true;
  if (context.inField) return false;
  switch (when) {
    case "outside-fields":
      return true;
    case "editing":
      return context.workingCopy && context.mode !== "simulate" && context.mode !== "compare" && context.mode !== "reality";
    case "simulating":
      return context.mode === "simulate";
    case "comparing":
      return context.mode === "compare";
    case "reality":
      return context.mode === "reality";
    case "canvas":
      return context.onCanvas;
    case "editing-canvas":
      return context.onCanvas && applies("editing", context);
  }
}

/**
 * An action answers whether it handled the key; `false` lets the key go on (e.g. Escape with no
 * tool armed). It gets the key event, for rows whose keys differ in direction (↑ / ↓).
 */
export type Action = (event: KeyboardEvent) => boolean | void;

/**
 * The app's key handler: the first row of the table whose chord matches and whose `when`
 * holds runs its action. Only rows of the table can be answered, so the help cannot miss one.
 */
export class Keymap {
  constructor(
    private readonly actions: Readonly<Record<ActionId, Action>>,
    private readonly context: (event: KeyboardEvent) => KeyContext | null,
    private readonly keymap: readonly Binding[] = KEYMAP,
  ) {}

  /** Listens on `target` (the document in the app). */
  listen(target: Document | HTMLElement): void {
    target.addEventListener("keydown", (event) => this.press(event as KeyboardEvent));
  }

  /** Runs the action bound to `event`, if any; true (and the browser's default prevented) when one handled it. */
  press(event: KeyboardEvent): boolean {
    const context = this.context(event);
    if (!context) return false;
    for (const row of this.keymap) {
      if (!("action" in row) || !row.chords.some((chord) => matches(chord, event)) || !applies(row.when, context)) continue;
      if (this.actions[row.action](event) === false) continue;
      event.preventDefault();
      return true;
    }
    return false;
  }
}

/** A key typed into a field, a picker or a form belongs to it, not to the app. */
export function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest("input, select, textarea, form") !== null);
}

/**
 * The native menu's accelerator for a chord (`CmdOrCtrl+Shift+M`), or null for a chord without
 * Ctrl: the menu takes its keys before the page sees them, so a bare key there would never
 * reach a text field again. A chord where Ctrl may be either way is offered with Ctrl.
 */
export function accelerator(chord: Chord): string | null {
  if (chord.ctrl === false) return null;
  const key = chord.code?.replace(/^(Key|Digit)/, "") ?? chord.key!;
  if (!/^[a-z0-9]$/i.test(key)) return null;
  return ["CmdOrCtrl", chord.alt ? "Alt" : "", chord.shift ? "Shift" : "", key.toUpperCase()].filter(Boolean).join("+");
}
