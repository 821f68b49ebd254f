import { formatDuration, parseDuration } from "./duration";
import { UNCHANGED, type Choice, type Commit, type FieldSpec, type FieldValue } from "./form";

/* The small field builders every element's form is made of; each refuses bad input itself. */

interface TextOptions {
  /** The message when the field is left empty; absent: empty is allowed. */
  required?: string | undefined;
  hint?: string;
  key?: string;
  hiddenLabel?: boolean;
  /** A multi-line box instead of one line. */
  multiline?: boolean;
  placeholder?: string;
  /** The value is a condition: the form checks it as one. */
  expression?: boolean;
  /** Refuses a non-empty value with a message, or passes it. */
  check?: (value: string) => string | null;
}

/** A one-line text field; surrounding spaces are not kept. */
export function textField(name: string, label: string, current: string, apply: (value: string) => Commit, options: TextOptions = {}): FieldSpec {
  return {
    key: options.key ?? name,
    name,
    label,
    hiddenLabel: options.hiddenLabel,
    control: options.multiline ? "textarea" : "text",
    value: current,
    placeholder: options.placeholder,
    hint: options.hint,
    expression: options.expression,
    commit: (raw) => {
      const value = asText(raw).trim();
      if (value === current) return UNCHANGED;
      if (value === "" && options.required) return { error: options.required };
      const problem = value === "" ? null : (options.check?.(value) ?? null);
      return problem ? { error: problem } : apply(value);
    },
  };
}

/** A duration field: empty clears an optional duration; the value is sent in canonical form. */
export function durationField(name: string, label: string, current: string | undefined, apply: (value: string | undefined) => Commit, options: { required?: string; hint?: string }): FieldSpec {
  return {
    key: name,
    name,
    label,
    control: "text",
    value: current ?? "",
    placeholder: "e.g. 2d or 4h 30m",
    hint: options.hint,
    commit: (raw) => {
      const text = asText(raw).trim();
      if (text === "") {
        if (options.required) return { error: options.required };
        return current === undefined ? UNCHANGED : apply(undefined);
      }
      const parsed = parseDuration(text);
      if ("error" in parsed) return parsed;
      const canonical = formatDuration(parsed.minutes);
      return canonical === current ? UNCHANGED : apply(canonical);
    },
  };
}

/** An optional amount (e.g. a cost): empty clears it; anything but a number ≥ 0 is refused. */
export function amountField(name: string, label: string, current: number | undefined, apply: (value: number | undefined) => Commit, options: { hint?: string }): FieldSpec {
  return {
    key: name,
    name,
    label,
    control: "text",
    value: current === undefined ? "" : String(current),
    placeholder: "e.g. 45.50",
    hint: options.hint,
    commit: (raw) => {
      const text = asText(raw).trim();
      if (text === "") return current === undefined ? UNCHANGED : apply(undefined);
      const value = Number(text.replace(",", "."));
      if (!/^\d+([.,]\d+)?$/.test(text) || !Number.isFinite(value)) return { error: `"${text}" is not an amount: write a number such as 45 or 45.50.` };
      return value === current ? UNCHANGED : apply(value);
    },
  };
}

export function selectField(name: string, label: string, current: string, choices: readonly Choice[], apply: (value: string) => Commit, options: { key?: string; hiddenLabel?: boolean } = {}): FieldSpec {
  return {
    key: options.key ?? name,
    name,
    label,
    hiddenLabel: options.hiddenLabel,
    control: "select",
    value: current,
    choices,
    commit: (value) => {
      const picked = asText(value);
      if (picked === current) return UNCHANGED;
      return choices.some((c) => c.value === picked) ? apply(picked) : { error: `"${picked}" is not one of the choices.` };
    },
  };
}

/**
 * `record` with `key` set, or without it when the value is empty: the core leaves empty optional
 * fields out of the canonical form, so sending them empty would be a change that is not one.
 */
export function withOptional<T extends object, K extends keyof T>(record: T, key: K, value: T[K] | undefined): T {
  const next = { ...record };
  const empty = value === undefined || value === "" || value === false || (Array.isArray(value) && value.length === 0);
  if (empty) delete next[key];
  else next[key] = value;
  return next;
}

export function asText(value: FieldValue): string {
  return typeof value === "string" ? value : "";
}

export function asList(value: FieldValue): readonly string[] {
  return Array.isArray(value) ? value : [];
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

