import type { Rect } from "../canvas/geometry";

/**
 * A text field laid over an element on the canvas, to rename it where it is drawn (double-click,
 * F2, or right after placing it). Enter or leaving the field keeps the text, Escape drops it;
 * an unchanged or empty name changes nothing.
 */
export class InlineRename {
  private input: HTMLInputElement | null = null;

  /** `refocus` gives the keyboard back (to the canvas) after Enter or Escape, so the next key is a shortcut again. */
  constructor(
    private readonly host: HTMLElement,
    private readonly refocus: () => void,
  ) {}

  get isOpen(): boolean {
    return this.input !== null;
  }

  /** Opens the field over `box` (client pixels) holding `text`; `commit` gets the new name, `closed` runs after Enter or Escape. */
  open(box: Rect, text: string, label: string, commit: (name: string) => void, closed?: () => void): void {
    this.close();
    const input = document.createElement("input");
    input.type = "text";
    input.className = "inline-rename";
    input.value = text;
    input.setAttribute("aria-label", label);
    const parent = this.host.getBoundingClientRect();
    const width = Math.max(box.w, 140);
    input.style.left = `${Math.round(box.x - parent.left + box.w / 2 - width / 2)}px`;
    input.style.top = `${Math.round(box.y - parent.top + box.h / 2 - 14)}px`;
    input.style.width = `${Math.round(width)}px`;
    let done = false;
    const finish = (keep: boolean) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      this.input = null;
      input.remove();
      if (keep && name !== "" && name !== text) commit(name);
    };
    input.addEventListener("keydown", (event) => {
      // The field's keys are its own: Delete or an arrow must not reach the canvas shortcuts.
      event.stopPropagation();
      if (event.key === "Enter" || event.key === "Escape") {
        event.preventDefault();
        finish(event.key === "Enter");
        this.refocus();
        closed?.();
      }
    });
    input.addEventListener("blur", () => finish(true));
    input.addEventListener("pointerdown", (event) => event.stopPropagation());
    this.host.append(input);
    this.input = input;
    input.focus();
    input.select();
  }

  /** Keeps what was typed and removes the field. */
  close(): void {
    this.input?.blur();
  }
}
