import type { Command } from "../generated/Command";
import type { Process } from "../generated/Process";
import type { Names } from "../names";
import { ConditionCheck } from "./conditionCheck";
import { formFor, type CallTarget } from "./elementForms";
import { formShape, type FieldSpec, type Form } from "./form";
import { allActions, allFields, FormView } from "./formView";

export interface PropertiesDeps {
  /** Runs one edit; true when applied, false when the backend refused it (it shows its own error). */
  execute(command: Command): Promise<boolean>;
  /** Null when the condition parses and type-checks against the process variables, else the message. */
  checkCondition(expression: string): Promise<string | null>;
  /** The processes a call activity may call. */
  processes(): CallTarget[];
}

/**
 * The properties of the selection: the process, one lane, node or flow, or a count of several.
 * Each field commits on change, Enter or leaving it, as one command carrying the whole updated
 * record. A value the model would refuse is refused here with a message under the field, and
 * the typed text stays for the user to fix.
 */
export class PropertiesPanel {
  private form: Form | null = null;
  private fields = new Map<string, FieldSpec>();
  private view: FormView | null = null;
  private shape = "";
  /** `target:id` of what is shown, to tell a new element from a new shape of the same one. */
  private element = "";
  private readOnly = true;
  /** Per field, the value being sent, so Enter and the blur after it do not send it twice. */
  private readonly sending = new Map<string, string>();
  /** Per field, a value the backend refused; only Enter sends it again. */
  private readonly refused = new Map<string, string>();
  private rendering = false;
  private pendingFocus: { name: string; value: string } | null = null;
  private readonly conditions: ConditionCheck;

  constructor(
    private readonly host: HTMLElement,
    private readonly deps: PropertiesDeps,
  ) {
    host.classList.add("properties-panel");
    this.conditions = new ConditionCheck(
      (expression) => deps.checkCondition(expression),
      (expression, message) => {
        // The answer is for the text as it was; it is shown only if the field still holds it.
        if (this.view?.read("condition") === expression) this.view.setError("condition", message);
      },
    );
    host.addEventListener("change", this.onChange);
    host.addEventListener("focusout", this.onFocusOut);
    host.addEventListener("keydown", this.onKeyDown);
    host.addEventListener("input", this.onInput);
    host.addEventListener("click", this.onClick);
  }

  /** Shows the properties of `selection`; called again after every edit, undo and redo. */
  show(process: Process, names: Names, selection: readonly string[], readOnly: boolean): void {
    const form = formFor(process, names, selection, this.deps.processes());
    const shape = formShape(form, readOnly);
    // Replacing the DOM may blur the focused control; that blur is not the user leaving a field.
    this.rendering = true;
    try {
      this.form = form;
      this.fields = new Map(allFields(form).map((field) => [field.key, field]));
      this.readOnly = readOnly;
      if (this.view && shape === this.shape) {
        this.view.patch(form);
      } else {
        const element = `${form.target}:${form.id ?? ""}`;
        const sameElement = element === this.element;
        if (!sameElement) {
          this.conditions.cancel();
          this.sending.clear();
          this.refused.clear();
        }
        const focus = sameElement ? this.focusedField() : null;
        const previous = sameElement ? this.view : null;
        this.view = new FormView(this.host, form, readOnly);
        if (previous) this.view.adopt(previous);
        this.shape = shape;
        this.element = element;
        if (focus) this.restoreFocus(focus);
      }
    } finally {
      this.rendering = false;
    }
    if (this.pendingFocus) {
      const target = this.view.find(this.pendingFocus.name, this.pendingFocus.value);
      this.pendingFocus = null;
      if (target instanceof HTMLInputElement) {
        target.focus();
        target.select();
      }
    }
  }

  /** Sends the field's value as a command, or shows why it is refused. */
  private async commit(key: string, explicit: boolean): Promise<void> {
    const view = this.view;
    const field = this.fields.get(key);
    if (!view || !field || this.readOnly || this.rendering) return;
    const value = view.read(key);
    if (value === null) return;
    const token = JSON.stringify(value);
    if (this.sending.get(key) === token || (!explicit && this.refused.get(key) === token)) return;
    const outcome = field.commit(value);
    if ("unchanged" in outcome) {
      // A condition keeps its live verdict: it is about the text in the field, changed or not.
      if (!field.expression) view.setError(key, null);
      return;
    }
    if ("error" in outcome) {
      view.setError(key, outcome.error);
      return;
    }
    this.sending.set(key, token);
    try {
      if (field.expression && typeof value === "string") {
        const message = await this.conditions.now(value);
        // By now another element may be shown, or the text changed; this answer is then stale.
        if (this.view !== view || view.read(key) !== value) return;
        view.setError(key, message);
        if (message !== null) return;
      }
      view.setError(key, null);
      const applied = await this.deps.execute(outcome.command);
      if (applied) this.refused.delete(key);
      else this.refused.set(key, token);
    } finally {
      if (this.sending.get(key) === token) this.sending.delete(key);
    }
  }

  private async runAction(key: string): Promise<void> {
    const action = this.form ? allActions(this.form).find((a) => a.key === key) : undefined;
    if (!action || this.readOnly) return;
    this.pendingFocus = action.focusAfter ?? null;
    const applied = await this.deps.execute(action.run());
    if (!applied) this.pendingFocus = null;
  }

  private focusedField(): { key: string; start: number | null; end: number | null } | null {
    const active = document.activeElement;
    if (!this.host.contains(active)) return null;
    const key = this.view?.keyOf(active) ?? null;
    if (key === null) return null;
    const text = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
    return { key, start: text ? active.selectionStart : null, end: text ? active.selectionEnd : null };
  }

  private restoreFocus(focus: { key: string; start: number | null; end: number | null }): void {
    const control = this.view?.control(focus.key);
    if (!control) return;
    const target = control instanceof HTMLFieldSetElement ? control.querySelector<HTMLInputElement>("input") : control;
    target?.focus();
    if ((target instanceof HTMLInputElement && target.type === "text") || target instanceof HTMLTextAreaElement) {
      if (focus.start !== null && focus.end !== null) target.setSelectionRange(focus.start, focus.end);
    }
  }

  private readonly onChange = (event: Event): void => {
    const key = this.view?.keyOf(event.target);
    if (key) void this.commit(key, false);
  };

  // Leaving a field commits it even when no change event comes (e.g. text restored by script).
  private readonly onFocusOut = (event: FocusEvent): void => {
    const key = this.view?.keyOf(event.target);
    const field = key ? this.fields.get(key) : undefined;
    if (key && field && (field.control === "text" || field.control === "textarea")) void this.commit(key, false);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== "Enter" || event.isComposing) return;
    const key = this.view?.keyOf(event.target);
    const field = key ? this.fields.get(key) : undefined;
    if (!key || !field) return;
    // Enter commits a line; in the description it is a new line, and Ctrl+Enter commits.
    if (field.control === "text" || (field.control === "textarea" && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      void this.commit(key, true);
    }
  };

  private readonly onInput = (event: Event): void => {
    const key = this.view?.keyOf(event.target);
    if (!key || !this.view) return;
    this.refused.delete(key);
    const field = this.fields.get(key);
    const value = this.view.read(key);
    if (field?.expression && typeof value === "string") {
      this.conditions.changed(value);
    }
    if (field?.preview) this.view.preview(key);
  };

  private readonly onClick = (event: MouseEvent): void => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>("button[data-action]");
    if (button?.dataset.action && this.host.contains(button)) void this.runAction(button.dataset.action);
  };
}

export type { CallTarget };
