import { element } from "./dom";

/** One modal form: a question with an optional text field, choice list, warnings and buttons. */
export interface Form {
  title: string;
  body?: string;
  /** Shown as a list under the body, e.g. validation errors a save would keep. */
  warnings?: string[];
  /** Named values shown as a list of terms (the About box). */
  facts?: Array<[term: string, value: string]>;
  text?: { label: string; value?: string; placeholder?: string; required?: string };
  choice?: { label: string; options: Array<{ value: string; label: string }>; value?: string };
  /** The first button is the default (Enter); the last is the one Escape means. */
  buttons: Array<{ label: string; value: string; primary?: boolean }>;
}

export interface Answer {
  button: string;
  text: string;
  choice: string;
}

/**
 * A modal form inside the page (native `prompt` is blocked in webviews). Focus stays inside
 * while it is open and returns afterwards; Escape answers with the last button.
 */
export class FormDialog {
  private readonly backdrop = element("div", "modal-backdrop");
  private readonly dialog = element("form", "modal");
  private answer: ((a: Answer) => void) | null = null;
  private returnFocus: HTMLElement | null = null;
  private escape = "";

  constructor(id: string) {
    this.backdrop.id = id;
    this.backdrop.hidden = true;
    this.dialog.setAttribute("role", "dialog");
    this.dialog.setAttribute("aria-modal", "true");
    this.backdrop.append(this.dialog);
    document.body.append(this.backdrop);
    this.dialog.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key === "Escape") {
        event.preventDefault();
        this.close({ button: this.escape, text: "", choice: "" });
      } else if (event.key === "Tab") {
        this.trapFocus(event);
      }
    });
  }

  get isOpen(): boolean {
    return this.answer !== null;
  }

  ask(form: Form): Promise<Answer> {
    this.close({ button: this.escape, text: "", choice: "" });
    const title = element("h2", "modal-title", form.title);
    title.id = `${this.backdrop.id}-title`;
    this.dialog.setAttribute("aria-labelledby", title.id);
    const parts: HTMLElement[] = [title];
    if (form.body) parts.push(element("p", "modal-body", form.body));
    if (form.warnings?.length) {
      const list = element("ul", "modal-warnings");
      for (const w of form.warnings) list.append(element("li", "", w));
      parts.push(list);
    }
    if (form.facts?.length) {
      const list = element("dl", "modal-facts");
      for (const [term, value] of form.facts) list.append(element("dt", "", term), element("dd", "", value));
      parts.push(list);
    }
    let input: HTMLInputElement | null = null;
    const error = element("p", "field-error");
    error.hidden = true;
    if (form.text) {
      const label = element("label", "modal-field");
      input = element("input");
      input.type = "text";
      input.name = "text";
      input.value = form.text.value ?? "";
      input.placeholder = form.text.placeholder ?? "";
      label.append(element("span", "", form.text.label), input, error);
      parts.push(label);
    }
    let select: HTMLSelectElement | null = null;
    if (form.choice) {
      const label = element("label", "modal-field");
      select = element("select");
      select.name = "choice";
      for (const o of form.choice.options) {
        const option = element("option", "", o.label);
        option.value = o.value;
        select.append(option);
      }
      select.value = form.choice.value ?? form.choice.options[0]?.value ?? "";
      label.append(element("span", "", form.choice.label), select);
      parts.push(label);
    }
    const actions = element("div", "modal-actions");
    for (const b of [...form.buttons].reverse()) {
      const button = element("button", b.primary ? "button button-primary" : "button", b.label);
      button.type = b === form.buttons[0] ? "submit" : "button";
      button.dataset.answer = b.value;
      if (button.type === "button") button.addEventListener("click", () => this.close({ button: b.value, text: input?.value ?? "", choice: select?.value ?? "" }));
      actions.append(button);
    }
    parts.push(actions);
    this.dialog.replaceChildren(...parts);
    this.escape = form.buttons[form.buttons.length - 1]!.value;
    const first = form.buttons[0]!;
    this.dialog.onsubmit = (event) => {
      event.preventDefault();
      const text = input?.value ?? "";
      if (form.text?.required && !text.trim()) {
        error.textContent = form.text.required;
        error.hidden = false;
        input?.setAttribute("aria-invalid", "true");
        input?.focus();
        return;
      }
      this.close({ button: first.value, text, choice: select?.value ?? "" });
    };
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.backdrop.hidden = false;
    (input ?? select ?? actions.querySelector<HTMLButtonElement>("button[type=submit]"))?.focus();
    input?.select();
    return new Promise((resolve) => (this.answer = resolve));
  }

  private close(answer: Answer): void {
    const resolve = this.answer;
    if (!resolve) return;
    this.answer = null;
    this.backdrop.hidden = true;
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
    resolve(answer);
  }

  private trapFocus(event: KeyboardEvent): void {
    const items = [...this.dialog.querySelectorAll<HTMLElement>("input, select, button")];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(at + (event.shiftKey ? -1 : 1) + items.length) % items.length];
    next?.focus();
    event.preventDefault();
  }
}
