import type { Process } from "../generated/Process";
import type { Problem } from "../generated/Problem";
import type { Severity } from "../generated/Severity";

export interface SeverityGroup {
  severity: Severity;
  title: string;
  problems: Problem[];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Errors first, then warnings, each in the order validation found them; empty groups left out. */
export function groupBySeverity(problems: readonly Problem[]): SeverityGroup[] {
  const groups: SeverityGroup[] = [];
  for (const [severity, word] of [
    ["error", "Errors"],
    ["warning", "Warnings"],
  ] as const) {
    const found = problems.filter((p) => p.severity === severity);
    if (found.length > 0) groups.push({ severity, title: word, problems: found });
  }
  return groups;
}

/** "2 errors · 1 warning", "1 warning", or "No problems". */
export function problemSummary(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const parts = [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : "No problems";
}

/** What a working copy with nothing drawn yet shows instead of its problems. */
export const START_HINT = "Start here: add the first step after Start from the palette";

/**
 * A process with no content yet (nothing but start events, no flows), as "New process" makes it:
 * checking it only lists what is still to be drawn, so it is greeted with a hint instead.
 */
export function isBlank(process: Pick<Process, "nodes" | "flows">): boolean {
  return process.flows.length === 0 && process.nodes.every((n) => n.kind.type === "start");
}
