export interface ListboxOptions<T> {
  /** Stable key of an item: the option's id suffix and what `markSelected` compares. */
  key(item: T): string;
  /** The option's content; the listbox adds the role, id and `aria-selected`. */
  render(item: T): HTMLLIElement;
  onChoose(item: T): void;
  /** Prefix of the options' element ids (for `aria-activedescendant`). */
  idPrefix: string;
  /** A heading to put before `item` (e.g. where a group starts), or null; never an option. */
  heading?(item: T, previous: T | undefined): HTMLLIElement | null;
}

/**
 * A keyboard listbox over a `<ul role="listbox" tabindex="0">`: ↑/↓ (Home/End) move the cursor,
 * Enter or Space or a click chooses. The chosen item is marked `aria-selected="true"`. Focus stays
 * on the list and the cursor is `aria-activedescendant`, so screen readers follow it.
 */
export class Listbox<T> {
  private items: T[] = [];
  private options: HTMLLIElement[] = [];
  private cursor = -1;
  private selectedKey: string | null = null;

  constructor(
    private readonly list: HTMLUListElement,
    private readonly config: ListboxOptions<T>,
  ) {
    list.addEventListener("click", this.onClick);
    list.addEventListener("keydown", this.onKeyDown);
    list.addEventListener("focus", () => {
      if (this.cursor < 0 && this.items.length > 0) this.moveCursor(Math.max(0, this.indexOf(this.selectedKey)));
    });
  }

  /** Replaces the items; the cursor stays on the item with the same key, if any. */
  setItems(items: T[]): void {
    const cursorKey = this.cursor >= 0 && this.items[this.cursor] ? this.config.key(this.items[this.cursor]!) : null;
    this.items = items;
    this.options = items.map((item) => this.renderOption(item));
    const children: HTMLLIElement[] = [];
    items.forEach((item, i) => {
      const heading = this.config.heading?.(item, items[i - 1]);
      if (heading) {
        heading.setAttribute("role", "presentation");
        children.push(heading);
      }
      children.push(this.options[i]!);
    });
    this.list.replaceChildren(...children);
    this.cursor = -1;
    this.list.removeAttribute("aria-activedescendant");
    const kept = this.indexOf(cursorKey);
    if (kept >= 0) this.moveCursor(kept, false);
  }

  /** Marks the chosen item; the cursor follows, so the keyboard continues from what is shown. */
  markSelected(key: string | null): void {
    this.selectedKey = key;
    this.items.forEach((item, i) => this.options[i]!.setAttribute("aria-selected", String(this.config.key(item) === key)));
    const index = this.indexOf(key);
    // Revealed only while displayed: a hidden list has no layout to scroll.
    if (index >= 0) this.moveCursor(index, this.list.offsetParent !== null);
  }

  private renderOption(item: T): HTMLLIElement {
    const option = this.config.render(item);
    const key = this.config.key(item);
    option.id = `${this.config.idPrefix}${key}`;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", String(key === this.selectedKey));
    return option;
  }

  private indexOf(key: string | null): number {
    return key === null ? -1 : this.items.findIndex((item) => this.config.key(item) === key);
  }

  private moveCursor(index: number, reveal = true): void {
    if (this.options.length === 0) return;
    this.cursor = Math.min(this.options.length - 1, Math.max(0, index));
    this.options.forEach((option, i) => option.classList.toggle("cursor", i === this.cursor));
    const current = this.options[this.cursor]!;
    this.list.setAttribute("aria-activedescendant", current.id);
    if (reveal) current.scrollIntoView({ block: "nearest" });
  }

  private choose(index: number): void {
    const item = this.items[index];
    if (item === undefined) return;
    this.moveCursor(index);
    this.config.onChoose(item);
  }

  private readonly onClick = (event: MouseEvent): void => {
    const option = (event.target as Element).closest<HTMLLIElement>('li[role="option"]');
    if (option) this.choose(this.options.indexOf(option));
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const last = this.items.length - 1;
    switch (event.key) {
      case "ArrowDown":
        this.moveCursor(this.cursor + 1);
        break;
      case "ArrowUp":
        this.moveCursor(this.cursor < 0 ? last : this.cursor - 1);
        break;
      case "Home":
        this.moveCursor(0);
        break;
      case "End":
        this.moveCursor(last);
        break;
      case "Enter":
      case " ":
        this.choose(this.cursor);
        break;
      default:
        return;
    }
    event.preventDefault();
  };
}
