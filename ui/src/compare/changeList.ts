import type { Diff } from "../generated/Diff";
import { element } from "../panels/dom";
import { Listbox } from "../panels/listbox";
import { changeGroups, changeSummary, layoutGroup, type ChangeGroup, type ChangeRow, type FieldLine } from "./changeRows";

/** One listed row with the group it belongs to (for the headings). */
interface Item {
  group: ChangeGroup;
  row: ChangeRow;
}

const MARKS: Record<ChangeRow["status"], string> = { added: "+", removed: "−", changed: "✎", moved: "→", layout: "⤢" };
const STATUS_WORDS: Record<ChangeRow["status"], string> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
  moved: "Moved",
  layout: "Layout",
};

/**
 * The right-hand list of every change between two versions, grouped (process, lanes, nodes,
 * flows), with field-level old → new values. Layout-only changes wait behind a toggle. Choosing a
 * row reports its element; `reveal` highlights the row of an element chosen elsewhere.
 */
export class ChangeList {
  private readonly summary = element("span", "panel-count");
  private readonly list = element("ul", "change-rows");
  private readonly empty = element("p", "panel-placeholder");
  private readonly layoutToggle = element("button", "button layout-toggle");
  private readonly listbox: Listbox<Item>;
  private diff: Diff | null = null;
  private showLayout = false;
  private items: Item[] = [];

  constructor(
    private readonly panel: HTMLElement,
    onChoose: (row: ChangeRow) => void,
  ) {
    this.listbox = new Listbox<Item>(this.list, {
      key: (item) => item.row.key,
      render: (item) => renderRow(item.row),
      onChoose: (item) => {
        this.listbox.markSelected(item.row.key);
        onChoose(item.row);
      },
      idPrefix: "change-option-",
      heading: (item, previous) => (previous?.group === item.group ? null : renderHeading(item.group)),
    });
    this.build();
  }

  /** `from` and `to` name the sides: `v1`, a file's name. */
  show(diff: Diff, from: string, to: string): void {
    this.diff = diff;
    this.showLayout = false;
    this.summary.textContent = changeSummary(diff);
    this.list.setAttribute("aria-label", `Changes from ${from} to ${to}`);
    this.empty.textContent = `${from} and ${to} mean the same process.`;
    this.render();
    this.panel.hidden = false;
  }

  hide(): void {
    this.panel.hidden = true;
    this.diff = null;
    this.items = [];
    this.listbox.setItems([]);
  }

  focus(): void {
    (this.list.hidden ? this.layoutToggle : this.list).focus();
  }

  /** Highlights (and scrolls to) the change of the element with `id`; none when it has no change. */
  reveal(id: string | null): void {
    const item = id === null ? undefined : this.items.find((i) => i.row.ids.includes(id));
    this.listbox.markSelected(item ? item.row.key : null);
  }

  private build(): void {
    const title = element("h2", "panel-title", "Changes");
    title.id = "change-list-title";
    this.panel.setAttribute("aria-labelledby", title.id);
    const header = element("header", "panel-header");
    header.append(title, this.summary);
    this.list.id = "change-rows";
    this.list.setAttribute("role", "listbox");
    this.list.tabIndex = 0;
    this.layoutToggle.type = "button";
    this.layoutToggle.addEventListener("click", () => {
      this.showLayout = !this.showLayout;
      this.render();
    });
    const footer = element("footer", "change-footer");
    footer.append(this.layoutToggle);
    this.panel.replaceChildren(header, this.empty, this.list, footer);
  }

  private render(): void {
    const diff = this.diff;
    if (!diff) return;
    const layout = layoutGroup(diff);
    const groups = changeGroups(diff);
    if (layout && this.showLayout) groups.push(layout);
    this.items = groups.flatMap((group) => group.rows.map((row) => ({ group, row })));
    this.listbox.setItems(this.items);
    this.empty.hidden = this.items.length > 0;
    this.list.hidden = this.items.length === 0;
    const count = diff.layout.length;
    this.layoutToggle.hidden = count === 0;
    this.layoutToggle.textContent = this.showLayout ? `Hide layout changes (${count})` : `Show layout changes (${count})`;
    this.layoutToggle.setAttribute("aria-pressed", String(this.showLayout));
  }
}

function renderHeading(group: ChangeGroup): HTMLLIElement {
  const heading = element("li", "change-group");
  heading.append(element("span", "change-group-title", group.title), element("span", "change-group-count", String(group.rows.length)));
  return heading;
}

function renderRow(row: ChangeRow): HTMLLIElement {
  const item = element("li", `change-row change-${row.status}`);
  item.dataset.changeStatus = row.status;
  item.dataset.elementId = row.elementId ?? "";
  const mark = element("span", "change-mark", MARKS[row.status]);
  mark.title = STATUS_WORDS[row.status];
  mark.setAttribute("aria-label", STATUS_WORDS[row.status]);

  const headline = element("div", "change-headline");
  headline.append(element("span", "change-name", row.title), element("span", "change-kind", row.kind));
  if (row.recreated) {
    const chip = element("span", "recreated-chip", "re-created");
    chip.title = "Deleted and drawn again under a new id; matched by kind, neighbours and name";
    headline.append(chip);
  }
  const body = element("div", "change-body");
  body.append(headline);
  if (row.lane) body.append(element("div", "change-lane", `in ${row.lane}`));
  if (row.says) body.append(element("div", "change-says", row.says));
  if (row.fields.length > 0) {
    const fields = element("dl", "change-fields");
    for (const field of row.fields) fields.append(element("dt", "field-label", field.label), fieldValue(field));
    body.append(fields);
  }
  item.append(mark, body);
  if (row.elementId === null) item.classList.add("change-not-drawn");
  return item;
}

/** `old → new`; a value only one side has is shown alone (added) or struck out (removed). */
function fieldValue(field: FieldLine): HTMLElement {
  const value = element("dd", "field-value");
  if (field.old !== null && field.new !== null) {
    value.append(element("del", "value-old", field.old), element("span", "value-arrow", " → "), element("ins", "value-new", field.new));
  } else if (field.new !== null) {
    value.append(element("ins", "value-new", field.new));
  } else if (field.old !== null) {
    value.append(element("del", "value-old", field.old));
  }
  return value;
}
