import type { Shortcut } from "./helpOverlay";

/** Every shortcut the app answers, as the help overlay (?) lists it. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "Ctrl+Z", action: "Undo", group: "Editing" },
  { keys: "Ctrl+Shift+Z / Ctrl+Y", action: "Redo", group: "Editing" },
  { keys: "Delete / Backspace", action: "Delete the selection", group: "Editing" },
  { keys: "Ctrl+C", action: "Copy the selected steps", group: "Editing" },
  { keys: "Ctrl+X", action: "Cut the selected steps", group: "Editing" },
  { keys: "Ctrl+V", action: "Paste (also into another process)", group: "Editing" },
  { keys: "Escape", action: "Cancel placing, connecting or a drag", group: "Editing" },
  { keys: "Alt+↑ / Alt+↓", action: "Move the selected workflow up / down", group: "Editing" },
  { keys: "Click", action: "Select a step, flow or workflow", group: "Selection" },
  { keys: "Shift+Click", action: "Add to or remove from the selection", group: "Selection" },
  { keys: "Shift+Drag", action: "Select the steps inside a rectangle", group: "Selection" },
  { keys: "Ctrl+A", action: "Select every step", group: "Selection" },
  { keys: "Ctrl+F", action: "Find a step by name", group: "Selection" },
  { keys: "Drag", action: "Move steps; on empty canvas, pan", group: "View" },
  { keys: "Wheel / Pinch", action: "Zoom", group: "View" },
  { keys: "+ / -", action: "Zoom in / out", group: "View" },
  { keys: "0", action: "Fit to screen", group: "View" },
  { keys: "Arrow keys", action: "Pan", group: "View" },
  { keys: "Ctrl+S", action: "Save version", group: "Versions" },
  { keys: "Ctrl+H", action: "Version history", group: "Versions" },
  { keys: "Ctrl+R", action: "Simulate", group: "Versions" },
  { keys: "Ctrl+Shift+M", action: "Problems", group: "Versions" },
  { keys: "?", action: "This list", group: "View" },
];
