import type { CommandError } from "../backend";

/** A dismissible banner above the canvas for failures the user should read (e.g. a corrupt library). */
export class ErrorBanner {
  private readonly text: HTMLElement;

  constructor(private readonly banner: HTMLElement) {
    this.text = banner.querySelector(".error-text") ?? banner;
    banner.querySelector(".error-dismiss")?.addEventListener("click", () => this.hide());
  }

  /** `about` names what the failure is about, so it can be taken back once that works again (`clear`). */
  show(error: CommandError, context?: string, about?: string): void {
    this.text.textContent = context ? `${context}: ${error.message}` : error.message;
    this.banner.dataset.code = error.code;
    if (about) this.banner.dataset.about = about;
    else delete this.banner.dataset.about;
    this.banner.hidden = false;
  }

  /** Hides the banner if it still shows the failure `about`; another message stays. */
  clear(about: string): void {
    if (!this.banner.hidden && this.banner.dataset.about === about) this.hide();
  }

  hide(): void {
    this.banner.hidden = true;
    this.text.textContent = "";
    delete this.banner.dataset.code;
    delete this.banner.dataset.about;
  }
}
