import { element } from "../panels/dom";
import type { ActionSpec, FieldSpec, FieldValue, Form, Section } from "./form";

type Editable = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * The DOM of one form inside the panel's host: a labelled control, a hint and an error line per
 * field. It renders a form once and afterwards only patches the values that changed, so the
 * field being typed in keeps its focus, caret and text.
 */
export class FormView {
  /** Per field key: the control (a fieldset for a checklist). */
  private readonly controls = new Map<string, Editable | HTMLFieldSetElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly values = new Map<string, FieldValue>();
  private readonly previews = new Map<string, { line: HTMLElement; of: NonNullable<FieldSpec["preview"]> }>();
  private readonly title = element("h2", "properties-title");
  private readonly subtitle = element("p", "properties-subtitle");

  constructor(
    host: HTMLElement,
    form: Form,
    private readonly readOnly: boolean,
    private readonly idPrefix = "properties",
  ) {
    host.dataset.propertiesFor = form.target;
    const header = element("header", "properties-header");
    header.append(this.subtitle, this.title);
    host.replaceChildren(header, ...form.sections.map((section) => this.renderSection(section)));
    this.setHeader(form);
  }

  /** The form's new values, for a form of the same shape: only changed values are written. */
  patch(form: Form): void {
    this.setHeader(form);
    for (const field of allFields(form)) {
      // The meaning of a text may depend on other fields (a timer's type): read it afresh.
      const shown = this.previews.get(field.key);
      if (shown && field.preview) shown.of = field.preview;
      const before = this.values.get(field.key);
      this.values.set(field.key, field.value);
      if (before !== undefined && sameValue(before, field.value)) continue;
      if (!sameValue(this.read(field.key) ?? "", field.value)) this.write(field.key, field.value);
      this.setError(field.key, null);
    }
    for (const key of this.previews.keys()) this.preview(key);
  }

  /**
   * Takes over what the user typed in `previous` (a view of the same element, before its shape
   * changed): text that was not committed, refused or still being typed, with its message, for
   * every field whose recorded value is the same in both.
   */
  adopt(previous: FormView): void {
    for (const [key, value] of this.values) {
      const before = previous.values.get(key);
      const typed = previous.read(key);
      if (before === undefined || typed === null || !sameValue(before, value)) continue;
      if (!sameValue(typed, value)) this.write(key, typed);
      this.setError(key, previous.error(key));
    }
  }

  /** The control's current value: text, a checkbox's state, or a checklist's checked values. */
  read(key: string): FieldValue | null {
    const control = this.controls.get(key);
    if (!control) return null;
    if (control instanceof HTMLFieldSetElement) {
      return Array.from(control.querySelectorAll<HTMLInputElement>("input[type=checkbox]"))
        .filter((box) => box.checked)
        .map((box) => box.value);
    }
    if (control instanceof HTMLInputElement && control.type === "checkbox") return control.checked;
    return control.value;
  }

  /** Says under a field with a preview what its text means now, or marks it wrong. */
  preview(key: string): void {
    const shown = this.previews.get(key);
    const text = this.read(key);
    if (!shown || typeof text !== "string") return;
    const said = text.trim() === "" ? { text: "" } : shown.of(text);
    shown.line.textContent = "text" in said ? said.text : "";
    this.setError(key, "error" in said ? said.error : null);
  }

  /** Shows (or clears) the message under a field and marks the control invalid. */
  setError(key: string, message: string | null): void {
    const line = this.errors.get(key);
    const control = this.controls.get(key);
    if (!line || !control) return;
    line.textContent = message ?? "";
    line.hidden = message === null;
    if (message === null) control.removeAttribute("aria-invalid");
    else control.setAttribute("aria-invalid", "true");
  }

  error(key: string): string | null {
    const line = this.errors.get(key);
    return line && !line.hidden ? line.textContent : null;
  }

  /** The key of the field `target` belongs to, if it is one of this view's controls. */
  keyOf(target: EventTarget | null): string | null {
    // Walked by hand: happy-dom's `closest` on a <select> returns an object that is not the element.
    let control: Element | null = target instanceof Element ? target : null;
    while (control && !control.matches("[data-key]")) control = control.parentElement;
    const key = control instanceof HTMLElement ? control.dataset.key : undefined;
    return key !== undefined && this.controls.get(key) === control ? key : null;
  }

  control(key: string): HTMLElement | null {
    return this.controls.get(key) ?? null;
  }

  /** The control whose `name` and current value match, e.g. a variable just added. */
  find(name: string, value: string): HTMLElement | null {
    for (const control of this.controls.values()) {
      if (!(control instanceof HTMLFieldSetElement) && control.name === name && control.value === value) return control;
    }
    return null;
  }

  private setHeader(form: Form): void {
    this.title.textContent = form.title;
    this.subtitle.textContent = form.subtitle;
    this.subtitle.hidden = form.subtitle === "";
  }

  private renderSection(section: Section): HTMLElement {
    const root = element("section", "properties-section");
    root.dataset.section = section.key;
    if (section.heading) {
      const heading = element("h3", "properties-heading", section.heading);
      heading.id = `${this.idPrefix}-${section.key}-heading`;
      root.setAttribute("aria-labelledby", heading.id);
      root.append(heading);
    }
    if (section.note) root.append(element("p", "properties-note", section.note));
    root.append(...section.fields.map((field) => this.renderField(field)));
    if (section.rows) {
      if (section.rows.length === 0 && section.empty) root.append(element("p", "properties-empty", section.empty));
      const list = element("ul", "properties-rows");
      for (const row of section.rows) {
        const item = element("li", "properties-row");
        item.dataset.row = row.key;
        item.append(...row.fields.map((field) => this.renderField(field)), ...row.actions.map((action) => this.renderAction(action, "button properties-row-action")));
        list.append(item);
      }
      if (section.rows.length > 0) root.append(list);
    }
    if (section.actions?.length) {
      const actions = element("div", "properties-actions");
      actions.append(...section.actions.map((action) => this.renderAction(action, "button")));
      root.append(actions);
    }
    return root;
  }

  private renderAction(action: ActionSpec, className: string): HTMLButtonElement {
    const button = element("button", className, action.label);
    button.type = "button";
    button.dataset.action = action.key;
    if (action.ariaLabel) button.setAttribute("aria-label", action.ariaLabel);
    button.disabled = this.readOnly;
    return button;
  }

  private renderField(field: FieldSpec): HTMLElement {
    const wrapper = element("div", `properties-field properties-field-${field.control}`);
    wrapper.dataset.field = field.name;
    const id = `${this.idPrefix}-${field.key}`;
    const error = element("p", "field-error");
    error.id = `${id}-error`;
    error.hidden = true;
    error.setAttribute("aria-live", "polite");
    const hint = field.hint ? element("p", "field-hint", field.hint) : null;
    if (hint) hint.id = `${id}-hint`;
    const preview = field.preview ? element("p", "field-preview") : null;
    if (preview) {
      preview.id = `${id}-preview`;
      preview.setAttribute("aria-live", "polite");
    }
    const described = [hint?.id, preview?.id, error.id].filter(Boolean).join(" ");

    let control: Editable | HTMLFieldSetElement;
    if (field.control === "checklist") {
      const fieldset = element("fieldset", "properties-checklist");
      fieldset.append(element("legend", "properties-label", field.label));
      for (const choice of field.choices ?? []) {
        const option = element("label", "properties-check");
        const box = element("input");
        box.type = "checkbox";
        box.name = field.name;
        box.value = choice.value;
        box.disabled = this.readOnly;
        option.append(box, document.createTextNode(choice.label));
        fieldset.append(option);
      }
      fieldset.disabled = this.readOnly;
      fieldset.setAttribute("aria-describedby", described);
      control = fieldset;
      wrapper.append(fieldset);
    } else {
      control = this.renderControl(field);
      control.id = id;
      control.name = field.name;
      control.disabled = this.readOnly;
      control.setAttribute("aria-describedby", described);
      const label = element("label", field.hiddenLabel ? "properties-label visually-hidden" : "properties-label", field.label);
      label.htmlFor = id;
      if (field.control === "checkbox") wrapper.append(control, label);
      else wrapper.append(label, control);
    }
    control.dataset.key = field.key;
    this.controls.set(field.key, control);
    this.errors.set(field.key, error);
    this.values.set(field.key, field.value);
    this.write(field.key, field.value);
    if (hint) wrapper.append(hint);
    if (preview && field.preview) {
      wrapper.append(preview);
      this.previews.set(field.key, { line: preview, of: field.preview });
      this.preview(field.key);
    }
    wrapper.append(error);
    return wrapper;
  }

  private renderControl(field: FieldSpec): Editable {
    switch (field.control) {
      case "textarea": {
        const area = element("textarea", "properties-input properties-textarea");
        area.rows = 3;
        return area;
      }
      case "select": {
        const select = element("select", "properties-input properties-select");
        for (const choice of field.choices ?? []) {
          const option = element("option", undefined, choice.label);
          option.value = choice.value;
          select.append(option);
        }
        return select;
      }
      case "checkbox": {
        const box = element("input", "properties-checkbox");
        box.type = "checkbox";
        return box;
      }
      default: {
        const input = element("input", "properties-input");
        input.type = "text";
        input.autocomplete = "off";
        if (field.placeholder) input.placeholder = field.placeholder;
        if (field.expression) input.spellcheck = false;
        return input;
      }
    }
  }

  private write(key: string, value: FieldValue): void {
    const control = this.controls.get(key);
    if (!control) return;
    if (control instanceof HTMLFieldSetElement) {
      const picked = Array.isArray(value) ? value : [];
      for (const box of control.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) box.checked = picked.includes(box.value);
    } else if (control instanceof HTMLInputElement && control.type === "checkbox") {
      control.checked = value === true;
    } else {
      control.value = typeof value === "string" ? value : "";
    }
  }
}

export function allFields(form: Form): FieldSpec[] {
  return form.sections.flatMap((s) => [...s.fields, ...(s.rows ?? []).flatMap((r) => r.fields)]);
}

export function allActions(form: Form): ActionSpec[] {
  return form.sections.flatMap((s) => [...(s.rows ?? []).flatMap((r) => r.actions), ...(s.actions ?? [])]);
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
