import { draggable } from "./buttonDrag";
import type { NewKind } from "./placement";

const ITEMS: Array<{ kind: NewKind; label: string; glyph: string }> = [
  { kind: "task", label: "Task", glyph: "▭" },
  { kind: "sub_process", label: "Sub-process (collapsed)", glyph: "⊟" },
  { kind: "gateway", label: "Decision (gateway)", glyph: "◇" },
  { kind: "event_gateway", label: "Event-based gateway", glyph: "⬠" },
  { kind: "start", label: "Start event", glyph: "○" },
  { kind: "end", label: "End event", glyph: "◉" },
  { kind: "timer", label: "Intermediate catch event (timer)", glyph: "◷" },
  { kind: "throw", label: "Intermediate throw event", glyph: "◎" },
  { kind: "boundary", label: "Boundary event (drop it on an activity's border)", glyph: "◔" },
  { kind: "call", label: "Call another process", glyph: "⊞" },
  { kind: "data_object", label: "Data object", glyph: "▤" },
  { kind: "data_store", label: "Data store", glyph: "⛁" },
  { kind: "annotation", label: "Text annotation", glyph: "❞" },
];

/**
 * The palette: pick a kind of element, then click where it goes, or drag it there; add a
 * workflow lane or a partner pool; tidy up.
 */
export class Palette {
  private readonly buttons = new Map<NewKind, HTMLButtonElement>();
  private readonly laneButton: HTMLButtonElement;

  constructor(
    private readonly host: HTMLElement,
    actions: {
      place(kind: NewKind): void;
      drop(kind: NewKind, clientX: number, clientY: number): void;
      /** A drag from the palette is over this client point (null: it ended), for the ghost. */
      dragging(kind: NewKind, clientX: number | null, clientY: number | null): void;
      addLane(): void;
      addPool(withLane: boolean): void;
      tidyUp(): void;
    },
  ) {
    host.setAttribute("role", "toolbar");
    host.setAttribute("aria-label", "Palette");
    host.setAttribute("aria-orientation", "vertical");
    for (const item of ITEMS) {
      const button = this.button(item.glyph, `${item.label}: click, then click in a lane (or drag it there)`);
      button.dataset.palette = item.kind;
      const wasDrag = draggable(
        button,
        (x, y) => actions.dragging(item.kind, x, y),
        (x, y) => actions.drop(item.kind, x, y),
      );
      button.addEventListener("click", () => {
        if (!wasDrag()) actions.place(item.kind);
      });
      this.buttons.set(item.kind, button);
    }
    this.laneButton = this.button("☰+", "Add a workflow lane");
    this.laneButton.dataset.palette = "lane";
    this.laneButton.addEventListener("click", () => actions.addLane());
    const blackBox = this.button("▬", "Add a partner pool (a black box that sends and receives messages)");
    blackBox.dataset.palette = "partner-pool";
    blackBox.addEventListener("click", () => actions.addPool(false));
    const laned = this.button("☷", "Add a partner pool with a lane for its steps");
    laned.dataset.palette = "partner-pool-lane";
    laned.addEventListener("click", () => actions.addPool(true));
    const tidy = this.button("⇶", "Tidy up (Ctrl+Shift+L): lay out the selected steps, or everything");
    tidy.dataset.palette = "tidy-up";
    tidy.addEventListener("click", () => actions.tidyUp());
  }

  setEnabled(enabled: boolean): void {
    this.host.hidden = !enabled;
  }

  setArmed(kind: NewKind | null): void {
    for (const [k, b] of this.buttons) b.setAttribute("aria-pressed", String(k === kind));
  }

  private button(glyph: string, title: string): HTMLButtonElement {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "palette-item";
    button.textContent = glyph;
    button.title = title;
    button.setAttribute("aria-label", title);
    this.host.append(button);
    return button;
  }
}
