import type { DiffLine } from "../generated/DiffLine";
import type { DiffRowTag } from "../generated/DiffRowTag";
import type { SideBySide } from "../generated/SideBySide";
import { element } from "../panels/dom";

/** One line of the unified view: a line of either outline, with its numbers on both sides. */
export interface UnifiedLine {
  sign: " " | "-" | "+";
  old: number | null;
  new: number | null;
  line: DiffLine;
}

/** Side-by-side rows as unified lines: a changed row becomes its old line, then its new one. */
export function unifiedLines(rows: SideBySide["hunks"][number]["rows"]): UnifiedLine[] {
  const lines: UnifiedLine[] = [];
  for (const row of rows) {
    if (row.tag === "equal" && row.new) lines.push({ sign: " ", old: row.old?.number ?? null, new: row.new.number, line: row.new });
    else {
      if (row.old) lines.push({ sign: "-", old: row.old.number, new: null, line: row.old });
      if (row.new) lines.push({ sign: "+", old: null, new: row.new.number, line: row.new });
    }
  }
  return lines;
}

type Layout = "split" | "unified";

/**
 * The text tab of compare mode: the readable outlines of both versions diffed line by line,
 * side by side (old left, new right) or unified, with the changed words emphasised.
 */
export class TextDiffView {
  private readonly splitButton = element("button", "segment", "Side by side");
  private readonly unifiedButton = element("button", "segment", "Unified");
  private readonly caption = element("span", "text-diff-caption");
  private readonly table = element("table", "text-diff-table");
  private readonly empty = element("p", "panel-placeholder", "The readable outlines of the two versions are identical.");
  private text: SideBySide | null = null;
  private labels: [string, string] = ["", ""];
  private layout: Layout = "split";

  constructor(private readonly host: HTMLElement) {
    for (const [button, layout] of [
      [this.splitButton, "split"],
      [this.unifiedButton, "unified"],
    ] as const) {
      button.type = "button";
      button.dataset.layout = layout;
      button.addEventListener("click", () => this.setLayout(layout));
    }
    const toggle = element("div", "segmented");
    toggle.setAttribute("role", "group");
    toggle.setAttribute("aria-label", "Text diff layout");
    toggle.append(this.splitButton, this.unifiedButton);
    const bar = element("div", "text-diff-bar");
    bar.append(this.caption, toggle);
    const scroller = element("div", "text-diff-scroll");
    scroller.append(this.empty, this.table);
    host.replaceChildren(bar, scroller);
  }

  show(text: SideBySide, oldLabel: string, newLabel: string): void {
    this.text = text;
    this.labels = [oldLabel, newLabel];
    this.caption.textContent = `Readable outline, ${oldLabel} → ${newLabel}; unchanged stretches are folded`;
    this.render();
  }

  setLayout(layout: Layout): void {
    this.layout = layout;
    this.render();
  }

  private render(): void {
    this.splitButton.setAttribute("aria-pressed", String(this.layout === "split"));
    this.unifiedButton.setAttribute("aria-pressed", String(this.layout === "unified"));
    this.host.dataset.layout = this.layout;
    const hunks = this.text?.hunks ?? [];
    this.empty.hidden = hunks.length > 0;
    this.table.hidden = hunks.length === 0;
    const head = element("thead");
    const body = element("tbody");
    const headRow = element("tr");
    if (this.layout === "split") {
      headRow.append(headCell(this.labels[0], 2), headCell(this.labels[1], 2));
    } else {
      headRow.append(headCell(this.labels[0], 1), headCell(this.labels[1], 1), headCell("", 2));
    }
    head.append(headRow);
    // Widths come from the columns: the head's spanning cells would otherwise share them out.
    const cols = element("colgroup");
    const widths = this.layout === "split" ? ["number", "line", "number", "line"] : ["number", "number", "sign", "line"];
    for (const kind of widths) cols.append(element("col", `col-${kind}`));
    let shown = { old: 0, new: 0 };
    hunks.forEach((hunk) => {
      const hidden = hiddenBefore(hunk.rows, shown);
      if (hidden > 0) body.append(foldRow(hidden));
      shown = lastLines(hunk.rows, shown);
      if (this.layout === "split") for (const row of hunk.rows) body.append(splitRow(row.tag, row.old, row.new));
      else for (const line of unifiedLines(hunk.rows)) body.append(unifiedRow(line));
    });
    this.table.className = `text-diff-table text-diff-${this.layout}`;
    this.table.replaceChildren(cols, head, body);
  }
}

function headCell(text: string, span: number): HTMLTableCellElement {
  const cell = element("th", "text-diff-head", text);
  cell.colSpan = span;
  return cell;
}

type Rows = SideBySide["hunks"][number]["rows"];

/** Unchanged lines folded away before a hunk, given the last line numbers shown so far. */
function hiddenBefore(rows: Rows, shown: { old: number; new: number }): number {
  const first = rows.find((r) => r.new) ?? rows.find((r) => r.old);
  if (!first) return 0;
  return first.new ? first.new.number - shown.new - 1 : first.old!.number - shown.old - 1;
}

function lastLines(rows: Rows, shown: { old: number; new: number }): { old: number; new: number } {
  const last = { ...shown };
  for (const row of rows) {
    if (row.old) last.old = row.old.number;
    if (row.new) last.new = row.new.number;
  }
  return last;
}

function foldRow(hidden: number): HTMLTableRowElement {
  const row = element("tr", "text-diff-fold");
  const cell = element("td", undefined, `⋯ ${hidden} unchanged ${hidden === 1 ? "line" : "lines"}`);
  cell.colSpan = 4;
  row.append(cell);
  return row;
}

function splitRow(tag: DiffRowTag, old: DiffLine | null, now: DiffLine | null): HTMLTableRowElement {
  const row = element("tr", `text-row row-${tag}`);
  row.dataset.rowTag = tag;
  row.append(numberCell(old?.number ?? null, "old"), textCell(old, "old"), numberCell(now?.number ?? null, "new"), textCell(now, "new"));
  return row;
}

function unifiedRow(line: UnifiedLine): HTMLTableRowElement {
  const tag = line.sign === "-" ? "removed" : line.sign === "+" ? "added" : "equal";
  const row = element("tr", `text-row row-${tag}`);
  row.dataset.rowTag = tag;
  const sign = element("td", "text-sign", line.sign === " " ? "" : line.sign === "-" ? "−" : "+");
  sign.setAttribute("aria-hidden", "true");
  row.append(numberCell(line.old, "old"), numberCell(line.new, "new"), sign, textCell(line.line, line.sign === "-" ? "old" : "new"));
  return row;
}

function numberCell(number: number | null, side: "old" | "new"): HTMLTableCellElement {
  return element("td", `text-number text-number-${side}`, number === null ? "" : String(number));
}

/** The line's text, changed words in `<mark>`; an empty cell when the line is only on the other side. */
function textCell(line: DiffLine | null, side: "old" | "new"): HTMLTableCellElement {
  const cell = element("td", `text-line text-line-${side}`);
  if (!line) {
    cell.classList.add("text-line-missing");
    return cell;
  }
  for (const span of line.spans) cell.append(span.emphasised ? element("mark", "word-changed", span.text) : document.createTextNode(span.text));
  return cell;
}
