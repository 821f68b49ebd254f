import type { Canvas } from "../canvas";
import type { ElementDecoration } from "../canvas/decorations";
import type { Problem } from "../generated/Problem";
import type { Process } from "../generated/Process";
import type { Step } from "../generated/Step";
import { labelOf, NO_NAMES, type Names } from "../names";
import { element } from "../panels/dom";

/** Flows holding a token after the first `count` firings of `path` (a flow can hold several). */
export function tokensAfter(path: readonly Step[], count: number): Map<string, number> {
  const tokens = new Map<string, number>();
  for (const step of path.slice(0, count)) {
    for (const flow of step.consumed) {
      const left = (tokens.get(flow) ?? 0) - 1;
      if (left > 0) tokens.set(flow, left);
      else tokens.delete(flow);
    }
    for (const flow of step.produced) tokens.set(flow, (tokens.get(flow) ?? 0) + 1);
  }
  return tokens;
}

const LAYER = "counterexample";

/**
 * Plays the run that shows a soundness problem, firing by firing: the node that fired lights
 * up and dots mark the flows holding tokens, so a deadlock or a token left behind can be seen.
 */
export class CounterexamplePlayer {
  private problem: Problem | null = null;
  private process: Process | null = null;
  private names: Names = NO_NAMES;
  private step = 0;
  private readonly text = element("span", "counterexample-text");
  private readonly back = element("button", "button", "◀ Back");
  private readonly next = element("button", "button", "Next ▶");
  private readonly close = element("button", "button", "Close");

  constructor(
    private readonly bar: HTMLElement,
    private readonly canvas: Canvas,
    private readonly onClose: () => void,
  ) {
    bar.hidden = true;
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "Run that shows the problem");
    for (const b of [this.back, this.next, this.close]) b.type = "button";
    this.back.id = "counterexample-back";
    this.next.id = "counterexample-next";
    this.back.addEventListener("click", () => this.go(this.step - 1));
    this.next.addEventListener("click", () => this.go(this.step + 1));
    this.close.addEventListener("click", () => this.stop());
    bar.append(this.text, this.back, this.next, this.close);
    bar.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft") this.go(this.step - 1);
      else if (event.key === "ArrowRight") this.go(this.step + 1);
      else if (event.key === "Escape") this.stop();
      else return;
      event.preventDefault();
    });
  }

  get isActive(): boolean {
    return this.problem !== null;
  }

  play(process: Process, names: Names, problem: Problem): void {
    this.process = process;
    this.names = names;
    this.problem = problem;
    this.bar.hidden = false;
    this.canvas.setMode("counterexample");
    this.go(problem.path.length);
    this.next.focus();
  }

  stop(): void {
    if (!this.problem) return;
    this.problem = null;
    this.bar.hidden = true;
    this.canvas.setDecorations(LAYER, null);
    this.canvas.setMode("view");
    this.onClose();
  }

  private go(step: number): void {
    const problem = this.problem;
    const process = this.process;
    if (!problem || !process) return;
    const path = problem.path;
    this.step = Math.max(0, Math.min(path.length, step));
    const byElementId: Record<string, ElementDecoration> = {};
    for (const flow of tokensAfter(path, this.step).keys()) byElementId[flow] = { token: true };
    const fired = this.step > 0 ? path[this.step - 1]! : null;
    if (fired) byElementId[fired.node] = { highlight: "active" };
    if (problem.element) byElementId[problem.element] = { ...byElementId[problem.element], marker: problem.severity === "error" ? "error" : "warning" };
    this.canvas.setDecorations(LAYER, { byElementId });
    const what = fired ? `${labelOf(this.names, fired.node)} fired` : "before the start";
    const end = this.step === path.length ? ` — ${problem.message}` : "";
    this.text.textContent = `Step ${this.step} of ${path.length}: ${what}${end}`;
    this.bar.dataset.step = String(this.step);
    this.back.disabled = this.step === 0;
    this.next.disabled = this.step === path.length;
  }
}
