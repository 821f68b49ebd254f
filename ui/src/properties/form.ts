import type { Command } from "../generated/Command";

/**
 * What the properties panel shows for one selection, as plain data: the fields, their current
 * values and how a new value becomes a command. Built fresh from the process on every `show`,
 * so each commit spreads the record as it is now.
 */
export interface Form {
  /** Which kind of thing is shown; the host's `data-properties-for`. */
  target: "process" | "lane" | "node" | "flow" | "artifact" | "pool" | "message" | "association" | "many" | "missing";
  /** The element shown (null for the process itself and for several elements). */
  id: string | null;
  title: string;
  subtitle: string;
  sections: Section[];
}

export interface Section {
  key: string;
  heading?: string;
  /** A line of text instead of (or before) fields, e.g. "3 elements selected". */
  note?: string;
  fields: FieldSpec[];
  /** Repeated groups of fields, one per list entry (the process variables). */
  rows?: RowSpec[];
  actions?: ActionSpec[];
  /** Shown in place of `rows` when there are none. */
  empty?: string;
}

export interface RowSpec {
  key: string;
  fields: FieldSpec[];
  actions: ActionSpec[];
}

export type Control = "text" | "textarea" | "select" | "checkbox" | "checklist";
export type FieldValue = string | boolean | readonly string[];

export interface Choice {
  value: string;
  label: string;
}

/** The answer to a new value: the command to run, a reason to refuse it, or nothing to do. */
export type Commit = { command: Command } | { error: string } | { unchanged: true };

export interface FieldSpec {
  /** Unique in the form; the control's `data-key` and id suffix. */
  key: string;
  /** The control's `name` attribute. */
  name: string;
  label: string;
  /** Shown when the label alone is visually redundant (a variable row's inputs). */
  hiddenLabel?: boolean;
  control: Control;
  value: FieldValue;
  choices?: readonly Choice[];
  placeholder?: string;
  hint?: string;
  /** A condition: parse-checked while typing and again before it is committed. */
  expression?: boolean;
  /** What the text means, shown under the field as it is typed (or why it is wrong). */
  preview?(text: string): { text: string } | { error: string };
  commit(value: FieldValue): Commit;
}

export interface ActionSpec {
  key: string;
  label: string;
  ariaLabel?: string;
  run(): Command;
  /** The field to focus once the result is shown: the control with this name and value. */
  focusAfter?: { name: string; value: string };
}

export const UNCHANGED: Commit = { unchanged: true };

/** Structure without values: two forms with the same shape can be patched in place. */
export function formShape(form: Form, readOnly: boolean): string {
  const field = (f: FieldSpec) => [f.key, f.name, f.label, f.control, f.choices ?? null, f.placeholder ?? null, f.hint ?? null];
  const action = (a: ActionSpec) => [a.key, a.label, a.ariaLabel ?? null];
  return JSON.stringify([
    readOnly,
    form.target,
    form.id,
    form.sections.map((s) => [
      s.key,
      s.heading ?? null,
      s.note ?? null,
      s.empty ?? null,
      s.fields.map(field),
      (s.rows ?? []).map((r) => [r.key, r.fields.map(field), r.actions.map(action)]),
      (s.actions ?? []).map(action),
    ]),
  ]);
}
