import type { Label } from "./generated/Label";
import type { Names } from "./generated/Names";

export type { Label, Names };

/* What a person reads for an element comes from the core (`describe.rs`), which sends it with
   every definition the UI shows (`LoadedVersion`, `Opened`, `Edited`, `SimulationStep`): the
   element's name, or its kind and place ("join before 'Pay invoice'"), unique in the process.
   The UI only looks labels up; it never describes an element itself. */

/** No labels: for a definition the UI has not been sent yet. */
export const NO_NAMES: Names = {};

/** The label's text: the name, or the description. An id the map lacks reads as the core's does. */
export function labelOf(names: Names, id: string): string {
  return names[id]?.text ?? "a removed element";
}

/** The label in a sentence: a name in quotes (“Approve invoice”), a description bare. */
export function phraseOf(names: Names, id: string): string {
  const label = names[id];
  if (!label) return "a removed element";
  return label.named ? `“${label.text}”` : label.text;
}
