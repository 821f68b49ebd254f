import type { Decorations, ElementDecoration } from "../canvas";
import type { Problem } from "../generated/Problem";

/** A badge on each element with a problem: red if any of its problems is an error, else amber. */
export function problemDecorations(problems: readonly Problem[]): Decorations {
  const byElementId: Record<string, ElementDecoration> = {};
  for (const problem of problems) {
    if (problem.element === null) continue;
    const current = byElementId[problem.element]?.marker;
    byElementId[problem.element] = { marker: current === "error" || problem.severity === "error" ? "error" : "warning" };
  }
  return { byElementId };
}
