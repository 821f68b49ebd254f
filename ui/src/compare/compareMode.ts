import type { Comparison, FileComparison } from "../backend";
import type { Canvas } from "../canvas";
import { ChangeList } from "./changeList";
import type { ChangeRow } from "./changeRows";
import { CompareBar, type CompareTab } from "./compareBar";
import { compareDecorations } from "./overlay";
import { sideNames } from "./sides";
import { TextDiffView } from "./textDiff";

export interface CompareElements {
  bar: HTMLElement;
  changeList: HTMLElement;
  textDiff: HTMLElement;
  canvasHost: HTMLElement;
}

/**
 * Compare mode: the canvas shows the newer version with the comparison overlay, the change list
 * sits beside it and the text tab replaces the canvas. Selection is synced both ways: a chosen
 * change selects and centres its element, a clicked element highlights its change.
 */
export class CompareMode {
  private readonly bar: CompareBar;
  private readonly list: ChangeList;
  private readonly text: TextDiffView;
  private comparison: Comparison | FileComparison | null = null;

  constructor(
    private readonly canvas: Canvas,
    private readonly elements: CompareElements,
    onExit: () => void,
  ) {
    this.bar = new CompareBar(elements.bar, { tab: (tab) => this.setTab(tab), exit: onExit });
    this.list = new ChangeList(elements.changeList, (row) => this.choose(row));
    this.text = new TextDiffView(elements.textDiff);
    canvas.setMode("view");
  }

  get isActive(): boolean {
    return this.comparison !== null;
  }

  /** Shows `comparison` (two versions, or two files); the caller has already put its newer side on the canvas. */
  show(comparison: Comparison | FileComparison): void {
    this.comparison = comparison;
    const names = sideNames(comparison);
    this.bar.show(names.old, names.new);
    this.list.show(comparison.diff, names.old.label, names.new.label);
    this.text.show(comparison.text, names.old.label, names.new.label);
    const overlay = compareDecorations(comparison.diff, comparison.old.process);
    this.canvas.setDecorations("compare", overlay);
    this.canvas.setMode("compare");
    this.setTab("diagram");
    this.canvas.frame(Object.keys(overlay.byElementId));
  }

  close(): void {
    if (!this.comparison) return;
    this.comparison = null;
    this.bar.hide();
    this.list.hide();
    this.setTab("diagram");
    this.canvas.setDecorations("compare", null);
    this.canvas.select(null);
    this.canvas.setMode("view");
  }

  /** Puts the keyboard on the change list (↑/↓ walk the changes, Enter shows one). */
  focusList(): void {
    this.list.focus();
  }

  /** An element was clicked on the canvas (null: empty canvas). */
  canvasSelected(id: string | null): void {
    if (this.comparison) this.list.reveal(id);
  }

  setTab(tab: CompareTab): void {
    const text = tab === "text" && this.comparison !== null;
    this.bar.selectTab(text ? "text" : "diagram");
    this.elements.textDiff.hidden = !text;
    this.elements.canvasHost.hidden = text;
  }

  private choose(row: ChangeRow): void {
    this.setTab("diagram");
    this.canvas.select(row.elementId);
    if (row.elementId !== null) this.canvas.centreOn(row.elementId);
  }
}
