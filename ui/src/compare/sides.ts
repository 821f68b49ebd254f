import type { Comparison, FileComparison } from "../backend";
import { utcTime } from "../panels/format";

/** What the compare view calls one side (`v3`, `old.bpmn`) and the tooltip telling more. */
export interface SideName {
  label: string;
  title: string;
}

/** Both sides' names: versions by number (tooltip: message, author, time), files by name (tooltip: the path). */
export function sideNames(comparison: Comparison | FileComparison): { old: SideName; new: SideName } {
  if (isOfVersions(comparison)) {
    const name = ({ version }: Comparison["old"]): SideName => ({
      label: `v${version.number}`,
      title: `${version.message || "No message"}\n${version.author}, ${utcTime(version.saved_at)}`,
    });
    return { old: name(comparison.old), new: name(comparison.new) };
  }
  return {
    old: { label: comparison.old.label, title: comparison.old.source },
    new: { label: comparison.new.label, title: comparison.new.source },
  };
}

/** Two versions of a process of the library (rather than two files). */
export function isOfVersions(comparison: Comparison | FileComparison): comparison is Comparison {
  return "version" in comparison.old;
}
