/** One line of the menu: what it says, its shortcut hint, and what it does. */
export interface MenuEntry {
  label: string;
  keys?: string;
  /** `data-menu` value, for tests and styling. */
  data: string;
  run: () => void;
}

/**
 * The canvas's right-click menu: what can be done with the element under the pointer (or with
 * the process, on empty canvas), placed at the pointer and kept inside the window. Arrow keys
 * move through it; Escape, a click elsewhere or a choice closes it.
 */
export class ContextMenu {
  private readonly element: HTMLElement;
  private readonly closeOnOutside = (event: Event) => {
    if (!this.element.contains(event.target as Node)) this.close();
  };

  constructor(host: HTMLElement) {
    this.element = document.createElement("div");
    this.element.className = "context-menu";
    this.element.id = "context-menu";
    this.element.setAttribute("role", "menu");
    this.element.hidden = true;
    this.element.addEventListener("keydown", (event) => this.key(event));
    host.append(this.element);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(clientX: number, clientY: number, entries: MenuEntry[]): void {
    if (entries.length === 0) return this.close();
    const items = entries.map((entry) => {
      const item = document.createElement("button");
      item.type = "button";
      item.className = "context-menu-item";
      item.setAttribute("role", "menuitem");
      item.dataset.menu = entry.data;
      item.tabIndex = -1;
      const label = document.createElement("span");
      label.textContent = entry.label;
      item.append(label);
      if (entry.keys) {
        const keys = document.createElement("kbd");
        keys.textContent = entry.keys;
        item.append(keys);
      }
      item.addEventListener("click", () => {
        this.close();
        entry.run();
      });
      return item;
    });
    this.element.replaceChildren(...items);
    this.element.hidden = false;
    const parent = this.element.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0, width: innerWidth, height: innerHeight };
    const x = Math.min(clientX - parent.left, parent.width - this.element.offsetWidth - 4);
    const y = Math.min(clientY - parent.top, parent.height - this.element.offsetHeight - 4);
    this.element.style.left = `${Math.max(4, Math.round(x))}px`;
    this.element.style.top = `${Math.max(4, Math.round(y))}px`;
    items[0]?.focus();
    window.addEventListener("pointerdown", this.closeOnOutside, true);
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    window.removeEventListener("pointerdown", this.closeOnOutside, true);
  }

  private key(event: KeyboardEvent): void {
    event.stopPropagation();
    const items = [...this.element.querySelectorAll<HTMLElement>("[role=menuitem]")];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === "Escape") {
      this.close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const next = (at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else {
      return;
    }
    event.preventDefault();
  }
}
