import type { Variable } from "../generated/Variable";
import { parseField, type FieldValue } from "./fields";

/** One typed input for a declared variable and how to read it. */
export interface VariableInput {
  variable: Variable;
  element: HTMLElement;
  read(): FieldValue;
}

/**
 * A labelled input typed by the variable: number, checkbox (boolean), date or text. A checkbox
 * starts indeterminate, meaning "no value", until it is clicked.
 */
export function variableInput(variable: Variable, idPrefix: string): VariableInput {
  const label = document.createElement("label");
  label.className = `sim-field sim-field-${variable.type}`;
  const input = document.createElement("input");
  input.id = `${idPrefix}-${variable.name}`;
  input.name = variable.name;
  input.dataset.variable = variable.name;
  input.type = { number: "number", boolean: "checkbox", date: "date", text: "text" }[variable.type];
  if (variable.type === "number") input.step = "any";
  let touched = false;
  const name = document.createElement("span");
  name.className = "sim-field-name";
  name.textContent = variable.name;
  if (variable.description) name.title = variable.description;
  const hint = document.createElement("span");
  hint.className = "sim-field-hint";
  hint.textContent = variable.description ?? variable.type;
  if (variable.type === "boolean") {
    input.indeterminate = true;
    hint.textContent += " · not set";
    input.addEventListener("change", () => {
      touched = true;
      hint.textContent = variable.description ?? variable.type;
    });
  }
  label.append(name, input, hint);
  const read = (): FieldValue => {
    if (variable.type === "boolean") return parseField("boolean", touched ? input.checked : null);
    return parseField(variable.type, input.value);
  };
  return { variable, element: label, read };
}

/** The values of `inputs` as instance data, or the first error (with its variable's name). */
export function readData(inputs: readonly VariableInput[]): { data: Record<string, unknown> } | { error: string } {
  const data: Record<string, unknown> = {};
  for (const input of inputs) {
    const field = input.read();
    if ("error" in field) return { error: `${input.variable.name}: ${field.error}` };
    if ("value" in field) data[input.variable.name] = field.value;
  }
  return { data };
}
