import type { CommandError } from "../backend";

/** A dismissible banner above the canvas for failures the user should read (e.g. a corrupt library). */
export class ErrorBanner {
  private readonly text: HTMLElement;

  constructor(private readonly banner: HTMLElement) {
    this.text = banner.querySelector(".error-text") ?? banner;
    banner.querySelector(".error-dismiss")?.addEventListener("click", () => this.hide());
  }

  show(error: CommandError, context?: string): void {
    this.text.textContent = context ? `${context}: ${error.message}` : error.message;
    this.banner.dataset.code = error.code;
    this.banner.hidden = false;
  }

  hide(): void {
    this.banner.hidden = true;
    this.text.textContent = "";
    delete this.banner.dataset.code;
  }
}
