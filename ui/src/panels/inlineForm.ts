import { element } from "./dom";

/**
 * A form shown in place inside a panel: hidden until opened; Cancel or Escape closes it. The
 * owner hears every close, with `byUser` when the user closed it (only then may focus move).
 */
export abstract class InlineForm {
  readonly element: HTMLFormElement;
  protected readonly cancelButton = element("button", "button", "Cancel");

  constructor(
    className: string,
    private readonly onClose: (byUser: boolean) => void,
  ) {
    this.element = element("form", className);
    this.element.hidden = true;
    this.cancelButton.type = "button";
    this.cancelButton.addEventListener("click", () => this.close(true));
    this.element.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  close(byUser = false): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.onClose(byUser);
  }
}
