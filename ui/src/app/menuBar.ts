import type { MenuCommand, MenuItemId } from "../backend";
import { showAbout } from "../panels/aboutBox";
import { keyContext } from "./bindKeys";
import { accelerator, applies, KEYMAP, type Action, type ActionId, type Binding } from "./keymap";
import type { LibrarySwitch } from "./librarySwitch";
import { fail, type Parts } from "./parts";
import type { VersionActions } from "./versionActions";
import type { Workspace } from "./workspace";

/** The row of the shortcut table behind a menu item: its accelerator and its action come from there. */
export const MENU_ACTIONS: Partial<Record<MenuItemId, ActionId>> = {
  undo: "undo",
  redo: "redo",
  cut: "cut",
  copy: "copy",
  paste: "paste",
  find: "find",
  fit: "fit",
  history: "history",
  problems: "problems",
};

/** Menu items that edit the working copy, and a text field's text when one has the focus. */
const EDITING: readonly MenuItemId[] = ["undo", "redo", "cut", "copy", "paste"];

/** Each menu item's accelerator: the first chord of its row that can be one. */
export function menuShortcuts(keymap: readonly Binding[] = KEYMAP): [MenuItemId, string][] {
  const shortcuts: [MenuItemId, string][] = [];
  for (const [item, action] of Object.entries(MENU_ACTIONS) as [MenuItemId, ActionId][]) {
    const row = keymap.find((b) => "action" in b && b.action === action);
    const chord = row && "chords" in row ? row.chords.map(accelerator).find((a) => a !== null) : undefined;
    if (chord) shortcuts.push([item, chord]);
  }
  return shortcuts;
}

/**
 * The native menu bar's choices, answered as the same keys would be: the window's mode decides
 * (Undo edits the working copy, or the focused field's text), and a modal that owns the keyboard
 * owns the menu too. The items' enabled states follow the mode.
 */
export class MenuBar {
  private sent = "";

  constructor(
    private readonly parts: Parts,
    private readonly workspace: Workspace,
    private readonly versions: VersionActions,
    private readonly libraries: LibrarySwitch,
    private readonly actions: Readonly<Record<ActionId, Action>>,
  ) {
    const { backend } = parts;
    backend.onMenu((command) => void this.choose(command));
    // The keys work without the menu's labels: a shell that cannot set them is not worth a banner.
    void backend.setMenuShortcuts(menuShortcuts()).catch((error: unknown) => console.warn("menu shortcuts", error));
    parts.modes.subscribe(() => queueMicrotask(() => this.update()));
  }

  /** Tells the shell which items can be chosen now; only when that changed. */
  update(): void {
    const { parts } = this;
    const disabled: MenuItemId[] = [];
    if (!this.editing()) disabled.push(...EDITING);
    if (this.workspace.readOnly !== null) disabled.push("new-process", "import");
    const exportEnabled = parts.exportMenu.enabled;
    const state = JSON.stringify([disabled, exportEnabled]);
    if (state === this.sent) return;
    this.sent = state;
    void parts.backend.setMenuState(disabled, exportEnabled).catch(() => (this.sent = ""));
  }

  async choose(command: MenuCommand): Promise<void> {
    const context = keyContext(this.parts, this.workspace, document.activeElement);
    if (!context) return;
    const { parts } = this;
    switch (command.kind) {
      case "export":
        return parts.exportMenu.exportAs(command.format, command.engine ?? undefined);
      case "recent-library":
        return this.libraries.switchTo(command.path, false);
      case "item":
        return this.item(command.item, context.inField);
    }
  }

  private async item(item: MenuItemId, inField: boolean): Promise<void> {
    const { parts, actions, libraries } = this;
    const key = new KeyboardEvent("keydown");
    switch (item) {
      case "new-process":
        return parts.libraryActions.newProcess();
      case "import":
        return parts.libraryActions.importBpmn();
      case "open-library":
        return libraries.openLibrary();
      case "new-library":
        return libraries.newLibrary();
      case "quit":
        return this.quit();
      case "undo":
      case "redo":
      case "cut":
      case "copy":
      case "paste":
        // The accelerator took the key from the field: the web view edits the text itself.
        if (inField) return parts.backend.textEdit(item).catch((error: unknown) => fail(parts, error, "The text could not be edited"));
        if (this.editing()) actions[item](key);
        return;
      case "zoom-in":
      case "zoom-out":
        return parts.canvas.zoomStep(item === "zoom-in" ? 1 : -1);
      case "fit":
        return parts.canvas.fit();
      case "find":
      case "history":
      case "problems":
        actions[item](key);
        return;
      case "shortcuts":
        return parts.help.open();
      case "about":
        return showAbout(parts.backend, parts.form).catch((error: unknown) => fail(parts, error, "The About box could not be shown"));
    }
  }

  /** Whether the working copy takes edits now, as the keymap's `editing` rows decide. */
  private editing(): boolean {
    const { parts, workspace } = this;
    return applies("editing", { mode: parts.modes.mode.kind, workingCopy: !!workspace.shown?.doc, inField: false, onCanvas: false });
  }

  /** File ▸ Quit: as closing the window, which asks first when changes are not saved as a version. */
  private async quit(): Promise<void> {
    const { backend } = this.parts;
    if ((await backend.unsavedProcesses()).length > 0) return this.versions.askToClose();
    await this.workspace.shown?.doc?.flush();
    await backend.quit();
  }
}
