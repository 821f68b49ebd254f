import { element } from "./dom";
import { InlineForm } from "./inlineForm";

/** The tags the product talks about; anything else can be typed. */
export const SUGGESTED_TAGS = ["approved", "in production"] as const;
const MAX_TAG_LENGTH = 60;

/**
 * The inline "Add tag" form: one click on a suggestion, or a typed tag and Enter. Escape or
 * Cancel closes it. `submit` resolves true when the tag was saved; the form then closes.
 */
export class TagForm extends InlineForm {
  private readonly label = element("label", "tag-form-label");
  private readonly suggestions = element("div", "tag-suggestions");
  private readonly input = element("input", "tag-input");
  private readonly addButton = element("button", "button button-primary", "Add");

  constructor(
    private readonly submit: (tag: string) => Promise<boolean>,
    /** Also told when the tag was saved (as closed by the user). */
    onClose: (byUser: boolean) => void,
  ) {
    super("tag-form", onClose);
    this.element.noValidate = true;
    this.input.id = "tag-input";
    this.input.type = "text";
    this.input.placeholder = "Other tag…";
    this.input.maxLength = MAX_TAG_LENGTH;
    this.input.autocomplete = "off";
    this.input.spellcheck = false;
    this.label.htmlFor = this.input.id;
    this.addButton.type = "submit";
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
    this.input.addEventListener("input", () => this.updateAddButton());
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
