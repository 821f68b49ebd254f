import { element } from "./dom";

export interface Confirmation {
  title: string;
  body: string;
  /** A quieter second paragraph, e.g. what stays unchanged. */
  detail?: string;
  /** Label of the button that goes ahead, e.g. "Restore as v3". */
  confirm: string;
}

/**
 * A modal question inside the page. `window.confirm` is not used because Tauri webviews may
 * block or silently answer it. Escape, Cancel and a click beside the dialog all say no; focus
 * stays inside while it is open and returns to where it was afterwards.
 */
export class ConfirmDialog {
  private readonly backdrop = element("div", "modal-backdrop");
  private readonly dialog = element("div", "modal");
  private readonly title = element("h2", "modal-title");
  private readonly body = element("p", "modal-body");
  private readonly detail = element("p", "modal-detail");
  private readonly cancelButton = element("button", "button", "Cancel");
  private readonly confirmButton = element("button", "button button-primary");
  private answer: ((yes: boolean) => void) | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(id: string) {
    this.backdrop.id = id;
    this.backdrop.hidden = true;
    this.dialog.setAttribute("role", "alertdialog");
    this.dialog.setAttribute("aria-modal", "true");
    this.title.id = `${id}-title`;
    this.body.id = `${id}-body`;
    this.dialog.setAttribute("aria-labelledby", this.title.id);
    this.dialog.setAttribute("aria-describedby", this.body.id);
    this.cancelButton.type = "button";
    this.confirmButton.type = "button";
    this.cancelButton.dataset.answer = "cancel";
    this.confirmButton.dataset.answer = "confirm";
    const actions = element("div", "modal-actions");
    actions.append(this.cancelButton, this.confirmButton);
    this.dialog.append(this.title, this.body, this.detail, actions);
    this.backdrop.append(this.dialog);
    document.body.append(this.backdrop);

    this.cancelButton.addEventListener("click", () => this.close(false));
    this.confirmButton.addEventListener("click", () => this.close(true));
    this.backdrop.addEventListener("mousedown", (event) => {
      if (event.target === this.backdrop) this.close(false);
    });
    this.backdrop.addEventListener("keydown", this.onKeyDown);
  }

  /** Resolves true when the user goes ahead. A second question while one is open answers the first with no. */
  ask(question: Confirmation): Promise<boolean> {
    this.close(false);
    this.title.textContent = question.title;
    this.body.textContent = question.body;
    this.detail.textContent = question.detail ?? "";
    this.detail.hidden = !question.detail;
    this.confirmButton.textContent = question.confirm;
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.backdrop.hidden = false;
    this.confirmButton.focus();
    return new Promise((resolve) => (this.answer = resolve));
  }

  private close(yes: boolean): void {
    const answer = this.answer;
    if (!answer) return;
    this.answer = null;
    this.backdrop.hidden = true;
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
    answer(yes);
  }

  get isOpen(): boolean {
    return this.answer !== null;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    // The app's shortcuts wait until the question is answered.
    event.stopPropagation();
    if (event.key === "Escape") {
      this.close(false);
    } else if (event.key === "Tab") {
      // Two buttons: Tab and Shift+Tab both move to the other one.
      const next = document.activeElement === this.confirmButton ? this.cancelButton : this.confirmButton;
      next.focus();
    } else {
      return;
    }
    event.preventDefault();
  };
}
