import type { ProcessInfo } from "../generated/ProcessInfo";
import type { VarType } from "../generated/VarType";
import type { Variable } from "../generated/Variable";
import { selectField, textField } from "./fields";
import type { Commit, Section } from "./form";

const TYPES: ReadonlyArray<{ value: VarType; label: string }> = [
  { value: "number", label: "Number" },
  { value: "text", label: "Text" },
  { value: "boolean", label: "Yes / no" },
  { value: "date", label: "Date" },
  { value: "list", label: "List" },
];

/** The validator's rule (src/validate/structure.rs): a letter or `_`, then letters, digits or `_`. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** Why `name` cannot be the name of variable `index`, or null when it can. */
export function variableNameProblem(name: string, index: number, variables: readonly Variable[]): string | null {
  if (!isIdentifier(name)) return `"${name}" is not a variable name: start with a letter or _, then use letters, digits and _ (e.g. amount, start_date).`;
  if (variables.some((v, i) => i !== index && v.name === name)) return `There is already a variable named ${name}.`;
  return null;
}

/** A name for a new variable that no other variable has. */
export function freshVariableName(variables: readonly Variable[]): string {
  const taken = new Set(variables.map((v) => v.name));
  if (!taken.has("new_variable")) return "new_variable";
  let n = 2;
  while (taken.has(`new_variable_${n}`)) n++;
  return `new_variable_${n}`;
}

/** The process variables: one row (name, type, remove) each, and an add button. */
export function variablesSection(info: ProcessInfo, update: (info: ProcessInfo) => Commit): Section {
  const variables = info.variables;
  const replace = (index: number, variable: Variable) => update({ ...info, variables: variables.map((v, i) => (i === index ? variable : v)) });
  const rows = variables.map((variable, index) => ({
    key: `variable-${index}`,
    fields: [
      textField("variable-name", `Name of variable ${index + 1}`, variable.name, (name) => replace(index, { ...variable, name }), {
        key: `variable-name-${index}`,
        hiddenLabel: true,
        required: "A variable needs a name.",
        check: (name) => variableNameProblem(name, index, variables),
      }),
      selectField("variable-type", `Type of variable ${index + 1}`, variable.type, TYPES, (type) => replace(index, { ...variable, type: type as VarType }), {
        key: `variable-type-${index}`,
        hiddenLabel: true,
      }),
    ],
    actions: [
      {
        key: `remove-variable-${index}`,
        label: "Remove",
        ariaLabel: `Remove variable ${variable.name}`,
        run: () => ({ command: "update_info" as const, info: { ...info, variables: variables.filter((_, i) => i !== index) } }),
      },
    ],
  }));
  const fresh = freshVariableName(variables);
  return {
    key: "variables",
    heading: "Variables",
    fields: [],
    rows,
    empty: "No variables yet. Conditions and step outputs use them.",
    actions: [
      {
        key: "add-variable",
        label: "Add variable",
        run: () => ({ command: "update_info" as const, info: { ...info, variables: [...variables, { name: fresh, type: "text" as const }] } }),
        focusAfter: { name: "variable-name", value: fresh },
      },
    ],
  };
}
