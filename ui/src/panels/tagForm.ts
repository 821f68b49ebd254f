import { element } from "./dom";

/** The tags the product talks about; anything else can be typed. */
export const SUGGESTED_TAGS = ["approved", "in production"] as const;
const MAX_TAG_LENGTH = 60;

/**
 * The inline "Add tag" form: one click on a suggestion, or a typed tag and Enter. Escape or
 * Cancel closes it. `submit` resolves true when the tag was saved; the form then closes.
 */
export class TagForm {
  readonly element = element("form", "tag-form");
  private readonly label = element("label", "tag-form-label");
  private readonly suggestions = element("div", "tag-suggestions");
  private readonly input = element("input", "tag-input");
  private readonly addButton = element("button", "button button-primary", "Add");
  private readonly cancelButton = element("button", "button", "Cancel");

  constructor(
    private readonly submit: (tag: string) => Promise<boolean>,
    /** `byUser` when the user closed it (Cancel, Escape, saved); only then may focus move. */
    private readonly onClose: (byUser: boolean) => void,
  ) {
    this.element.hidden = true;
    this.element.noValidate = true;
    this.input.id = "tag-input";
    this.input.type = "text";
    this.input.placeholder = "Other tag…";
    this.input.maxLength = MAX_TAG_LENGTH;
    this.input.autocomplete = "off";
    this.input.spellcheck = false;
    this.label.htmlFor = this.input.id;
    this.addButton.type = "submit";
    this.cancelButton.type = "button";
    const entry = element("div", "tag-entry");
    entry.append(this.input, this.addButton, this.cancelButton);
    this.element.append(this.label, this.suggestions, entry);

    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send(this.input.value);
    });
    this.suggestions.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>("button[data-suggestion]");
      if (button?.dataset.suggestion) void this.send(button.dataset.suggestion);
    });
    this.cancelButton.addEventListener("click", () => this.close(true));
    this.element.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    });
    this.input.addEventListener("input", () => this.updateAddButton());
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens for version `number`, offering only the suggestions it does not carry yet. */
  open(number: number, existing: readonly string[]): void {
    this.label.textContent = `Tag v${number}`;
    const offered = SUGGESTED_TAGS.filter((tag) => !existing.includes(tag));
    this.suggestions.replaceChildren(
      ...offered.map((tag) => {
        const button = element("button", "tag-suggestion", `+ ${tag}`);
        button.type = "button";
        button.dataset.suggestion = tag;
        return button;
      }),
    );
    this.suggestions.hidden = offered.length === 0;
    this.input.value = "";
    this.setBusy(false);
    this.element.hidden = false;
    this.input.focus();
  }

  close(byUser = false): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.onClose(byUser);
  }

  private async send(raw: string): Promise<void> {
    const tag = raw.trim();
    if (!tag) {
      this.input.focus();
      return;
    }
    this.setBusy(true);
    let saved = false;
    try {
      saved = await this.submit(tag);
    } finally {
      this.setBusy(false);
    }
    if (saved) this.close(true);
    else this.input.focus();
  }

  private setBusy(busy: boolean): void {
    this.element.setAttribute("aria-busy", String(busy));
    for (const button of this.element.querySelectorAll("button")) button.disabled = busy;
    this.input.disabled = busy;
    if (!busy) this.updateAddButton();
  }

  private updateAddButton(): void {
    this.addButton.disabled = this.input.value.trim() === "";
  }
}
