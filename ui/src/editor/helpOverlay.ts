import { element } from "../panels/dom";

/** One keyboard shortcut as the help lists it, e.g. `{ keys: "Ctrl+Z", action: "Undo", group: "Editing" }`. */
export interface Shortcut {
  /** Keys joined by `+`; alternatives separated by ` / `, e.g. `Ctrl+Shift+Z / Ctrl+Y`. */
  keys: string;
  action: string;
  group: string;
}

/** The order groups are listed in; a group not named here follows them, in order of appearance. */
export const SHORTCUT_GROUPS: readonly string[] = ["Editing", "Selection", "View", "Versions"];

/**
 * The keyboard shortcuts overlay. `?` (outside a text field) opens it; Escape, `?`, the close
 * button or a click beside it close it. Focus stays inside while it is open and returns to
 * where it was afterwards. The list comes from the one table the caller passes in, so what the
 * help says and what the keys do cannot drift apart unnoticed.
 */
export class HelpOverlay {
  private readonly backdrop = element("div", "modal-backdrop help-backdrop");
  private readonly dialog = element("div", "modal help-overlay");
  private readonly closeButton = element("button", "icon-button help-close", "×");
  private returnFocus: HTMLElement | null = null;

  constructor(
    shortcuts: readonly Shortcut[],
    /** Where `?` is listened for; null when the app's keymap opens it. */
    private readonly keyTarget: Document | HTMLElement | null = document,
    id = "help-overlay",
  ) {
    this.backdrop.id = id;
    this.backdrop.hidden = true;
    this.dialog.setAttribute("role", "dialog");
    this.dialog.setAttribute("aria-modal", "true");
    const title = element("h2", "modal-title help-title", "Keyboard shortcuts");
    title.id = `${id}-title`;
    this.dialog.setAttribute("aria-labelledby", title.id);
    this.closeButton.type = "button";
    this.closeButton.setAttribute("aria-label", "Close keyboard shortcuts");
    const header = element("div", "help-header");
    header.append(title, this.closeButton);
    const body = element("div", "help-groups");
    // Focusable so the list can be scrolled with the keyboard when it is taller than the window.
    body.tabIndex = 0;
    body.setAttribute("aria-label", "Shortcuts");
    body.append(...groupShortcuts(shortcuts).map(([group, items]) => renderGroup(group, items, id)));
    this.dialog.append(header, body);
    this.backdrop.append(this.dialog);
    document.body.append(this.backdrop);

    this.closeButton.addEventListener("click", () => this.close());
    this.backdrop.addEventListener("mousedown", (event) => {
      if (event.target === this.backdrop) this.close();
    });
    this.backdrop.addEventListener("keydown", this.onDialogKey);
    keyTarget?.addEventListener("keydown", this.onKey as EventListener);
  }

  get isOpen(): boolean {
    return !this.backdrop.hidden;
  }

  open(): void {
    if (this.isOpen) return;
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.backdrop.hidden = false;
    this.closeButton.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.backdrop.hidden = true;
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
  }

  /** Removes the overlay and its `?` listener. */
  dispose(): void {
    this.keyTarget?.removeEventListener("keydown", this.onKey as EventListener);
    this.backdrop.remove();
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key !== "?" || event.ctrlKey || event.altKey || event.metaKey || this.isOpen || isEditable(event.target)) return;
    event.preventDefault();
    this.open();
  };

  private readonly onDialogKey = (event: KeyboardEvent): void => {
    // The app's shortcuts wait until the overlay is closed.
    event.stopPropagation();
    if (event.key === "Escape" || event.key === "?") {
      this.close();
    } else if (event.key === "Tab") {
      const stops = Array.from(this.dialog.querySelectorAll<HTMLElement>('button, [tabindex="0"]'));
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : (at + 1) % stops.length;
      stops[next]?.focus();
    } else {
      return;
    }
    event.preventDefault();
  };
}

/** Shortcuts by group, groups in `SHORTCUT_GROUPS` order, shortcuts in the order given. */
export function groupShortcuts(shortcuts: readonly Shortcut[]): Array<[string, Shortcut[]]> {
  const groups = new Map<string, Shortcut[]>();
  for (const group of SHORTCUT_GROUPS) groups.set(group, []);
  for (const shortcut of shortcuts) {
    const list = groups.get(shortcut.group) ?? [];
    list.push(shortcut);
    groups.set(shortcut.group, list);
  }
  return Array.from(groups).filter(([, list]) => list.length > 0);
}

/** `Ctrl+Shift+Z / Ctrl+Y` → `[["Ctrl", "Shift", "Z"], ["Ctrl", "Y"]]`; a `+` key stays a key (`Ctrl++`). */
export function keyParts(keys: string): string[][] {
  return keys.split(" / ").map((combo) => {
    const parts = combo.split("+");
    const out: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      // An empty part comes from the `+` key itself: `Ctrl++` splits as ["Ctrl", "", ""].
      if (parts[i] === "") {
        out.push("+");
        i++;
      } else {
        out.push(parts[i]!.trim());
      }
    }
    return out;
  });
}

function renderGroup(group: string, shortcuts: readonly Shortcut[], id: string): HTMLElement {
  const section = element("section", "help-group");
  const heading = element("h3", "help-group-title", group);
  heading.id = `${id}-${group.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  section.setAttribute("aria-labelledby", heading.id);
  const list = element("dl", "help-list");
  for (const shortcut of shortcuts) {
    const keys = element("dt", "help-keys");
    keyParts(shortcut.keys).forEach((combo, i) => {
      if (i > 0) keys.append(element("span", "help-or", "or"));
      combo.forEach((key, j) => {
        if (j > 0) keys.append(element("span", "help-plus", "+"));
        keys.append(element("kbd", undefined, key));
      });
    });
    list.append(keys, element("dd", "help-action", shortcut.action));
  }
  section.append(heading, list);
  return section;
}

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest("input, select, textarea") !== null);
}
