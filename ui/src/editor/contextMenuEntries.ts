import type { Scene } from "../canvas/scene";
import type { MenuEntry } from "./contextMenu";
import type { Editor } from "./editor";

/**
 * What the right-click menu offers for `hit` (the element under the pointer, null: empty
 * canvas): the context pad's actions and the editing shortcuts, each named with its key.
 */
export function menuEntries(editor: Editor, scene: Scene | null, hit: string | null, canPaste: boolean): MenuEntry[] {
  const paste: MenuEntry[] = canPaste ? [{ label: "Paste", keys: "Ctrl+V", data: "paste", run: () => void editor.paste() }] : [];
  if (hit === null) {
    return [
      ...paste,
      { label: "Add a workflow lane", data: "add-lane", run: () => void editor.addLane() },
      { label: "Select every step", keys: "Ctrl+A", data: "select-all", run: () => editor.selectAll() },
      { label: "Tidy up", keys: "Ctrl+Shift+L", data: "tidy-up", run: () => void editor.tidyUp() },
    ];
  }
  const remove: MenuEntry = { label: "Delete", keys: "Del", data: "delete", run: () => void editor.deleteSelection() };
  const rename = (label: string): MenuEntry => ({ label, keys: "F2", data: "rename", run: () => editor.startRename(hit) });
  if (scene?.nodes.some((n) => n.id === hit)) {
    return [
      rename("Rename"),
      { label: "Append task", keys: "T ↵", data: "append-task", run: () => void editor.append("task") },
      { label: "Append decision", keys: "D ↵", data: "append-gateway", run: () => void editor.append("gateway") },
      { label: "Append end event", keys: "E ↵", data: "append-end", run: () => void editor.append("end") },
      { label: "Connect to…", data: "connect", run: () => editor.startConnect() },
      { label: "Copy", keys: "Ctrl+C", data: "copy", run: () => void editor.copySelection() },
      { label: "Cut", keys: "Ctrl+X", data: "cut", run: () => void editor.cutSelection() },
      ...paste,
      remove,
    ];
  }
  if (scene?.flows.some((f) => f.id === hit)) return [rename("Edit label"), remove];
  const moves: MenuEntry[] = [
    { label: "Move up", keys: "Alt+↑", data: "lane-up", run: () => void editor.moveLane(-1) },
    { label: "Move down", keys: "Alt+↓", data: "lane-down", run: () => void editor.moveLane(1) },
  ];
  if (scene?.lanes.some((l) => l.id === hit)) return [rename("Rename workflow"), ...moves, remove];
  if (scene?.pools.some((p) => p.id === hit)) return [...moves, remove];
  return [remove];
}
