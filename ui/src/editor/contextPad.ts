import type { Rect } from "../canvas/geometry";
import { padPlacement } from "./padPlacement";
import type { Alignment, Spread } from "./arrange";
import type { NodeNewKind } from "./placement";
import { draggable } from "./buttonDrag";

/** What a pad button dragged onto the canvas makes: a step of this kind, connected, or a connection. */
export type PadDragged = NodeNewKind | "connect";

export interface PadActions {
  append(kind: NodeNewKind): void;
  attachTimer(): void;
  /** Opens the selected collapsed sub-process on its own plane. */
  openPlane(): void;
  connect(): void;
  remove(): void;
  align(how: Alignment): void;
  distribute(how: Spread): void;
  /** A pad button is being dragged over a client point (null: the drag ended), for the preview. */
  dragging(what: PadDragged, clientX: number | null, clientY: number | null): void;
  /** A pad button was dragged and let go at a client point. */
  dropped(what: PadDragged, clientX: number, clientY: number): void;
}

/** `drag`: the button can also be dragged to where its step goes, or to what it connects to. */
type Entry = { label: string; glyph: string; data: string; run: () => void; drag?: PadDragged };

/**
 * Buttons beside the selection: for one step, append the next step or connect it; for several,
 * align and distribute them. DOM buttons, so they are reachable by keyboard and by tests.
 */
export class ContextPad {
  private readonly single: HTMLElement;
  private readonly many: HTMLElement;

  constructor(
    private readonly host: HTMLElement,
    private readonly actions: PadActions,
  ) {
    host.hidden = true;
    host.setAttribute("role", "toolbar");
    host.setAttribute("aria-label", "Selected element");
    this.single = this.group([
      // Click: beside the selection in its lane; drag: where it is let go, connected all the same.
      { label: "Append task", glyph: "▭", data: "append-task", run: () => actions.append("task"), drag: "task" },
      { label: "Append decision", glyph: "◇", data: "append-gateway", run: () => actions.append("gateway"), drag: "gateway" },
      { label: "Append end event", glyph: "◉", data: "append-end", run: () => actions.append("end"), drag: "end" },
      { label: "Append intermediate event", glyph: "◎", data: "append-throw", run: () => actions.append("throw"), drag: "throw" },
      { label: "Append timer", glyph: "◷", data: "append-timer", run: () => actions.append("timer"), drag: "timer" },
      { label: "Attach boundary timer", glyph: "◔", data: "attach-timer", run: () => actions.attachTimer() },
      { label: "Open the sub-process (double-click)", glyph: "⤢", data: "open-plane", run: () => actions.openPlane() },
      { label: "Append call", glyph: "⊞", data: "append-call", run: () => actions.append("call"), drag: "call" },
      { label: "Connect to… (click the target, or drag onto it; a message flow when it is in another pool)", glyph: "➝", data: "connect", run: () => actions.connect(), drag: "connect" },
      { label: "Delete (Del)", glyph: "✕", data: "delete", run: () => actions.remove() },
    ]);
    this.many = this.group([
      { label: "Align left", glyph: "⇤", data: "align-left", run: () => actions.align("left") },
      { label: "Align centres", glyph: "↔", data: "align-centre", run: () => actions.align("centre") },
      { label: "Align right", glyph: "⇥", data: "align-right", run: () => actions.align("right") },
      { label: "Align top", glyph: "⤒", data: "align-top", run: () => actions.align("top") },
      { label: "Align middles", glyph: "↕", data: "align-middle", run: () => actions.align("middle") },
      { label: "Align bottom", glyph: "⤓", data: "align-bottom", run: () => actions.align("bottom") },
      { label: "Distribute horizontally", glyph: "⋯", data: "distribute-horizontal", run: () => actions.distribute("horizontal") },
      { label: "Distribute vertically", glyph: "⋮", data: "distribute-vertical", run: () => actions.distribute("vertical") },
      { label: "Delete (Del)", glyph: "✕", data: "delete", run: () => actions.remove() },
    ]);
  }

  /**
   * Shows the pad beside `selection` (client pixels) where it covers none of `obstacles` (the
   * other steps) if it can: above, below, right or left. `activity`: the node may carry boundary
   * events; `opens`: it is a collapsed sub-process; `steps`: steps can be appended to it (not to
   * a pool, data or a note, which only connect and delete).
   */
  show(selection: Rect, obstacles: readonly Rect[], mode: "node" | "many", count: number, can: { activity: boolean; opens: boolean; steps?: boolean } = { activity: false, opens: false }): void {
    const only = (data: string, shown: boolean) => {
      const button = this.single.querySelector<HTMLElement>(`[data-pad=${data}]`);
      if (button) button.hidden = !shown;
    };
    const steps = can.steps ?? true;
    for (const append of ["append-task", "append-gateway", "append-end", "append-throw", "append-timer", "append-call"]) only(append, steps);
    only("attach-timer", steps && can.activity);
    only("open-plane", can.opens);
    const parent = this.host.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0, width: innerWidth, height: innerHeight };
    this.host.hidden = false;
    this.host.dataset.mode = mode;
    this.single.hidden = mode !== "node";
    this.many.hidden = mode !== "many";
    this.many.dataset.count = String(count);
    const local = (r: Rect): Rect => ({ x: r.x - parent.left, y: r.y - parent.top, w: r.w, h: r.h });
    const room = { x: 0, y: 0, w: parent.width, h: parent.height };
    const at = padPlacement(local(selection), { w: this.host.offsetWidth, h: this.host.offsetHeight }, obstacles.map(local), room);
    this.host.style.left = `${Math.round(at.x)}px`;
    this.host.style.top = `${Math.round(at.y)}px`;
  }

  hide(): void {
    this.host.hidden = true;
  }

  private group(entries: Entry[]): HTMLElement {
    const group = document.createElement("div");
    group.className = "pad-group";
    for (const entry of entries) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "pad-item";
      button.textContent = entry.glyph;
      button.title = entry.label;
      button.setAttribute("aria-label", entry.label);
      button.dataset.pad = entry.data;
      // The canvas must keep the focus (and the selection) when a pad button is pressed.
      button.addEventListener("pointerdown", (e) => e.stopPropagation());
      const drag = entry.drag;
      const wasDrag = drag
        ? draggable(
            button,
            (x, y) => this.actions.dragging(drag, x, y),
            (x, y) => this.actions.dropped(drag, x, y),
          )
        : () => false;
      button.addEventListener("click", () => {
        if (!wasDrag()) entry.run();
      });
      group.append(button);
    }
    this.host.append(group);
    return group;
  }
}
