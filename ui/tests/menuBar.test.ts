// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { accelerator, KEYMAP, matches, type KeyPress } from "../src/app/keymap";
import type { LibrarySwitch } from "../src/app/librarySwitch";
import { MENU_ACTIONS, MenuBar, menuShortcuts } from "../src/app/menuBar";
import { AppModes, showVersion, showWorkingCopy } from "../src/app/mode";
import type { Parts } from "../src/app/parts";
import type { VersionActions } from "../src/app/versionActions";
import type { Workspace } from "../src/app/workspace";
import { MockBackend } from "../src/mockBackend";

/** The key press an accelerator such as `CmdOrCtrl+Shift+M` stands for (Ctrl, not Cmd). */
function pressOf(accel: string): KeyPress {
  const parts = accel.split("+");
  const key = parts.at(-1)!;
  const letter = /^[A-Z]$/.test(key);
  return {
    key: letter ? (parts.includes("Shift") ? key : key.toLowerCase()) : key,
    code: letter ? `Key${key}` : `Digit${key}`,
    ctrlKey: parts.includes("CmdOrCtrl"),
    shiftKey: parts.includes("Shift"),
    altKey: parts.includes("Alt"),
    metaKey: false,
  };
}

describe("the menu's accelerators", () => {
  it("are today's shortcuts, taken from the one shortcut table", () => {
    expect(Object.fromEntries(menuShortcuts())).toEqual({
      undo: "CmdOrCtrl+Z",
      redo: "CmdOrCtrl+Shift+Z",
      cut: "CmdOrCtrl+X",
      copy: "CmdOrCtrl+C",
      paste: "CmdOrCtrl+V",
      find: "CmdOrCtrl+F",
      fit: "CmdOrCtrl+0",
      history: "CmdOrCtrl+H",
      problems: "CmdOrCtrl+Shift+M",
    });
  });

  it("each press the row of its own action in the keymap", () => {
    for (const [item, accel] of menuShortcuts()) {
      const action = MENU_ACTIONS[item];
      const row = KEYMAP.find((b) => "action" in b && b.action === action);
      expect(row && "chords" in row && row.chords.some((chord) => matches(chord, pressOf(accel))), `${item}: ${accel}`).toBe(true);
    }
  });

  it("never take a key without Ctrl, which a text field needs", () => {
    expect(accelerator({ key: "+", ctrl: false })).toBeNull();
    expect(accelerator({ key: "Delete", ctrl: false })).toBeNull();
    expect(accelerator({ key: "?", ctrl: false })).toBeNull();
    expect(accelerator({ key: "ArrowUp", alt: true, ctrl: false })).toBeNull();
    expect(accelerator({ code: "KeyL", ctrl: true, shift: true })).toBe("CmdOrCtrl+Shift+L");
  });
});


/** A menu bar over a mock shell, with actions that only record what ran. */
function menuBar() {
  const backend = new MockBackend([]);
  const modes = new AppModes();
  const ran: string[] = [];
  const record = (name: string) => () => void ran.push(name);
  const parts = {
    backend,
    modes,
    exportMenu: { enabled: false, exportAs: vi.fn() },
    canvas: { zoomStep: vi.fn(), fit: record("fit"), element: null },
    help: { open: record("help") },
  } as unknown as Parts;
  const workspace = { shown: { doc: {} }, readOnly: null } as unknown as Workspace;
  const libraries = { switchTo: vi.fn(async () => {}), openLibrary: vi.fn(), newLibrary: vi.fn() };
  const actions = new Proxy({}, { get: (_, name: string) => record(name) });
  const bar = new MenuBar(parts, workspace, {} as VersionActions, libraries as unknown as LibrarySwitch, actions as never);
  return { backend, modes, ran, bar, libraries, workspace: workspace as { shown: { doc: object | null } } };
}

describe("a menu choice", () => {
  it("edits the working copy while editing, and is disabled otherwise", async () => {
    const { backend, modes, ran, workspace } = menuBar();
    modes.go((s) => showWorkingCopy(s, "p"));
    await Promise.resolve();
    expect(backend.menu.disabled).toEqual([]);
    backend.chooseFromMenu({ kind: "item", item: "undo" });
    backend.chooseFromMenu({ kind: "item", item: "paste" });
    await vi.waitFor(() => expect(ran).toEqual(["undo", "paste"]));

    // An older version on the canvas: no working copy to edit.
    workspace.shown.doc = null;
    modes.go((s) => showVersion(s, "p", 1, true));
    await Promise.resolve();
    expect(backend.menu.disabled).toEqual(["undo", "redo", "cut", "copy", "paste"]);
    backend.chooseFromMenu({ kind: "item", item: "undo" });
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual(["undo", "paste"]);
  });

  it("edits a focused field's text instead, through the web view", async () => {
    const { backend, modes, ran } = menuBar();
    modes.go((s) => showWorkingCopy(s, "p"));
    const field = document.createElement("input");
    document.body.append(field);
    field.focus();
    backend.chooseFromMenu({ kind: "item", item: "copy" });
    await vi.waitFor(() => expect(backend.menu.textEdits).toEqual(["copy"]));
    expect(ran).toEqual([]);
    field.remove();
  });

  it("is ignored while a modal owns the keyboard", async () => {
    const { backend, ran } = menuBar();
    const modal = document.createElement("div");
    modal.className = "modal-backdrop";
    document.body.append(modal);
    backend.chooseFromMenu({ kind: "item", item: "fit" });
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual([]);
    modal.remove();
    backend.chooseFromMenu({ kind: "item", item: "fit" });
    await vi.waitFor(() => expect(ran).toEqual(["fit"]));
  });

  it("switches to a recent library", async () => {
    const { backend, libraries } = menuBar();
    backend.chooseFromMenu({ kind: "recent-library", path: "/work/other.flowlane" });
    await vi.waitFor(() => expect(libraries.switchTo).toHaveBeenCalledWith("/work/other.flowlane", false));
  });
});
