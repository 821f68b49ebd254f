import { element } from "../panels/dom";

/** A node as the find box lists it; `lane` is the lane's name, shown beside the node's. */
export interface FindableNode {
  id: string;
  name: string;
  lane: string;
}

export interface FindDeps {
  /** The nodes of the shown process, read afresh on every keystroke. */
  nodes(): FindableNode[];
  /** Selects the node and scrolls it into view. Called after the box has closed. */
  reveal(id: string): void;
}

/** Text for matching: accents and case dropped, compatibility forms unified (`É` → `e`, `ﬁ` → `fi`). */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Nodes whose name contains `query`, ignoring case and accents. Names that start with it come
 * first; otherwise the nodes keep their order. An empty query finds nothing.
 */
export function findNodes(nodes: readonly FindableNode[], query: string): FindableNode[] {
  const needle = foldText(query.trim());
  if (needle === "") return [];
  const starts: FindableNode[] = [];
  const contains: FindableNode[] = [];
  for (const node of nodes) {
    const name = foldText(node.name);
    if (name.startsWith(needle)) starts.push(node);
    else if (name.includes(needle)) contains.push(node);
  }
  return [...starts, ...contains];
}

/**
 * Find a node by name: Ctrl+F opens a search field over the canvas with the matching nodes
 * under it; ↑/↓ move through them, Enter (or a click) reveals one, Escape closes. Closing
 * returns focus to where it was. Focus stays in the field; the list's cursor is
 * `aria-activedescendant`, the combobox pattern.
 */
export class FindBox {
  readonly element = element("div", "find-box");
  private readonly input = element("input", "find-input");
  private readonly list = element("ul", "find-results");
  private readonly status = element("p", "find-status");
  private results: FindableNode[] = [];
  private cursor = -1;
  private returnFocus: HTMLElement | null = null;

  constructor(
    host: HTMLElement,
    private readonly deps: FindDeps,
    /** Where Ctrl+F is listened for; null when the app's keymap opens it. */
    private readonly keyTarget: Document | HTMLElement | null = document,
    private readonly id = "find-box",
  ) {
    this.element.id = id;
    this.element.hidden = true;
    this.element.setAttribute("role", "search");
    const label = element("label", "visually-hidden", "Find a step by name");
    this.input.id = `${id}-input`;
    label.htmlFor = this.input.id;
    this.input.type = "search";
    this.input.placeholder = "Find a step…";
    this.input.autocomplete = "off";
    this.input.spellcheck = false;
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.list.id = `${id}-results`;
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Matching steps");
    this.input.setAttribute("aria-controls", this.list.id);
    this.status.id = `${id}-status`;
    this.status.setAttribute("aria-live", "polite");
    this.input.setAttribute("aria-describedby", this.status.id);
    this.list.hidden = true;
    this.element.append(label, this.input, this.status, this.list);
    host.append(this.element);

    this.input.addEventListener("input", () => this.search());
    this.input.addEventListener("keydown", this.onInputKey);
    // mousedown, not click: the field keeps focus, so the list does not close under the pointer.
    this.list.addEventListener("mousedown", (event) => {
      const option = (event.target as Element).closest<HTMLLIElement>('li[role="option"]');
      if (!option) return;
      event.preventDefault();
      this.pick(Number(option.dataset.index));
    });
    keyTarget?.addEventListener("keydown", this.onKey as EventListener);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens (or, when open, refocuses) the field with its text selected, so typing replaces it. */
  open(): void {
    if (!this.isOpen) {
      this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.element.hidden = false;
    }
    this.input.focus();
    this.input.select();
    this.search();
  }

  close(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.setResults([]);
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  }

  /** Removes the box and its Ctrl+F listener. */
  dispose(): void {
    this.keyTarget?.removeEventListener("keydown", this.onKey as EventListener);
    this.element.remove();
  }

  private search(): void {
    this.setResults(findNodes(this.deps.nodes(), this.input.value));
  }

  private setResults(results: FindableNode[]): void {
    this.results = results;
    this.list.replaceChildren(
      ...results.map((node, index) => {
        const option = element("li", "find-result");
        option.id = `${this.id}-result-${index}`;
        option.dataset.index = String(index);
        option.dataset.node = node.id;
        option.setAttribute("role", "option");
        option.append(element("span", "find-name", node.name), element("span", "find-lane", node.lane));
        return option;
      }),
    );
    const query = this.input.value.trim();
    this.list.hidden = results.length === 0;
    this.input.setAttribute("aria-expanded", String(results.length > 0));
    this.status.textContent =
      query === "" || !this.isOpen ? "" : results.length === 0 ? `No step named like “${query}”` : results.length === 1 ? "1 step" : `${results.length} steps`;
    this.status.hidden = this.status.textContent === "";
    this.moveCursor(results.length > 0 ? 0 : -1);
  }

  private moveCursor(index: number): void {
    this.cursor = this.results.length === 0 ? -1 : Math.min(this.results.length - 1, Math.max(0, index));
    const options = Array.from(this.list.children) as HTMLElement[];
    options.forEach((option, i) => {
      option.classList.toggle("cursor", i === this.cursor);
      option.setAttribute("aria-selected", String(i === this.cursor));
    });
    const current = options[this.cursor];
    if (current) {
      this.input.setAttribute("aria-activedescendant", current.id);
      // Only while displayed: a hidden list has no layout to scroll.
      if (this.list.offsetParent !== null) current.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  private pick(index: number): void {
    const node = this.results[index];
    if (!node) return;
    this.close();
    this.deps.reveal(node.id);
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key.toLowerCase() !== "f" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    // Instead of the webview's own find, which does not see the canvas.
    event.preventDefault();
    this.open();
  };

  private readonly onInputKey = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    switch (event.key) {
      case "ArrowDown":
        this.moveCursor(this.cursor + 1);
        break;
      case "ArrowUp":
        this.moveCursor(this.cursor - 1);
        break;
      case "Enter":
        this.pick(this.cursor);
        break;
      case "Escape":
        this.close();
        break;
      default:
        return;
    }
    event.preventDefault();
    // The app's own Escape and arrow keys do not also act on these.
    event.stopPropagation();
  };
}
