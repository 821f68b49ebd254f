import type { Node } from "../generated/Node";
import type { Process } from "../generated/Process";
import type { Variable } from "../generated/Variable";
import { formatDuration, parseDuration } from "../properties/duration";
import { parseIso } from "../properties/isoDuration";
import { durationWords } from "../properties/timerText";
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
  input.type = { number: "number", boolean: "checkbox", date: "date", text: "text", list: "text" }[variable.type];
  if (variable.type === "list") input.placeholder = "items, separated by commas";
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

/** What a "Takes" field gives: a duration in the core's spelling, nothing (as planned), or why not. */
export type TookValue = { took: string } | { omit: true } | { error: string };

/** A "Takes" input and how to read it. */
export interface TookInput {
  element: HTMLElement;
  read(): TookValue;
}

/**
 * How long a task takes this time (`3d`, `4h 30m` or `P3D`); empty, it takes its planned
 * duration. The hint names the boundary timers that fire when it takes longer than theirs.
 */
export function tookInput(task: Node, process: Process, idPrefix: string): TookInput {
  const label = document.createElement("label");
  label.className = "sim-field sim-took";
  const name = document.createElement("span");
  name.className = "sim-field-name";
  name.textContent = "Takes";
  const input = document.createElement("input");
  input.id = `${idPrefix}-took`;
  input.name = "took";
  input.dataset.took = task.id;
  input.placeholder = `${(task.kind.type === "task" && task.kind.duration) || "0m"} as planned`;
  const hint = document.createElement("span");
  hint.className = "sim-field-hint";
  hint.textContent = timerHints(task, process).join("; ") || "e.g. 3d or 4h 30m";
  label.append(name, input, hint);
  const read = (): TookValue => {
    const text = input.value.trim();
    if (text === "") return { omit: true };
    const iso = parseIso(text);
    const parsed = iso !== null ? { minutes: iso } : parseDuration(text);
    return "minutes" in parsed ? { took: formatDuration(parsed.minutes) } : { error: `Takes: ${parsed.error}` };
  };
  return { element: label, read };
}

/**
 * "Timer “Reminder” fires after 2 days", for each boundary timer on `host` that simulation runs
 * (a duration; dates and cycles do not fire on the simulated clock).
 */
function timerHints(host: Node, process: Process): string[] {
  return process.nodes.flatMap((node) => {
    if (node.kind.type !== "boundary" || node.kind.host !== host.id || node.kind.trigger.on !== "timer") return [];
    const { timer } = node.kind.trigger;
    const minutes = "duration" in timer ? parseIso(timer.duration) : null;
    if (minutes === null) return [];
    return [`${node.name ? `Timer “${node.name}”` : "Its timer"} fires after ${durationWords(minutes)}`];
  });
}
