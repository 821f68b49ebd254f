import type { NewKind } from "./placement";

const ITEMS: Array<{ kind: NewKind; label: string; glyph: string }> = [
  { kind: "task", label: "Task", glyph: "▭" },
  { kind: "gateway", label: "Decision (gateway)", glyph: "◇" },
  { kind: "start", label: "Start event", glyph: "○" },
  { kind: "end", label: "End event", glyph: "◉" },
  { kind: "timer", label: "Timer (wait)", glyph: "◷" },
  { kind: "call", label: "Call another process", glyph: "⊞" },
];

/** The palette: pick a kind of step, then click where it goes; add a workflow lane; tidy up. */
export class Palette {
  private readonly buttons = new Map<NewKind, HTMLButtonElement>();
  private readonly laneButton: HTMLButtonElement;

  constructor(
    private readonly host: HTMLElement,
    actions: { place(kind: NewKind): void; addLane(): void; tidyUp(): void },
  ) {
    host.setAttribute("role", "toolbar");
    host.setAttribute("aria-label", "Palette");
    host.setAttribute("aria-orientation", "vertical");
    for (const item of ITEMS) {
      const button = this.button(item.glyph, `${item.label}: click, then click in a lane`);
      button.dataset.palette = item.kind;
      button.addEventListener("click", () => actions.place(item.kind));
      this.buttons.set(item.kind, button);
    }
    this.laneButton = this.button("☰+", "Add a workflow lane");
    this.laneButton.dataset.palette = "lane";
    this.laneButton.addEventListener("click", () => actions.addLane());
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
