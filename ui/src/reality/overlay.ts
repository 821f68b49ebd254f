import type { Conformance } from "../backend";
import type { Decorations, ElementDecoration } from "../canvas";
import type { Deviation } from "../generated/Deviation";
import type { Process } from "../generated/Process";

/** "7 cases", "1 case". */
export function cases(n: number): string {
  return `${n} ${n === 1 ? "case" : "cases"}`;
}

/**
 * What a log did over the design: each flow the aligned cases took gets a band as wide as its
 * share of the most taken one and its count of cases; a step cases skipped is ringed red with how
 * many; activities done where the design has none are noted on the step they followed (the start
 * when they came first), orange, with their counts.
 */
export function realityDecorations(conformance: Conformance, process: Process): Decorations {
  const byElementId: Record<string, ElementDecoration> = {};
  const most = Math.max(1, ...conformance.flows.map((f) => f.cases));
  for (const flow of conformance.flows) {
    if (flow.cases > 0) byElementId[flow.flow] = { weight: flow.cases / most, note: String(flow.cases) };
  }
  const notes = new Map<string, string[]>();
  const note = (id: string, text: string) => notes.set(id, [...(notes.get(id) ?? []), text]);
  const start = process.nodes.find((n) => n.kind.type === "start" && !n.parent)?.id ?? null;
  for (const deviation of conformance.deviations) {
    if (deviation.kind === "skipped" && deviation.step) {
      byElementId[deviation.step] = { ...byElementId[deviation.step], highlight: "breach", marker: "warning" };
      note(deviation.step, `skipped ×${deviation.count}`);
    }
    if (deviation.kind === "extra") {
      for (const place of deviation.places) {
        const at = place.after ?? start;
        if (!at) continue;
        byElementId[at] = { highlight: "changed", marker: "warning", ...byElementId[at] };
        note(at, `+ ${deviation.name} ×${place.count}`);
      }
    }
  }
  for (const [id, texts] of notes) byElementId[id] = { ...byElementId[id], note: texts.join(" · ") };
  return { byElementId };
}

/** The deviations shown on element `id`: skipped there, or done after it (the start: before any step). */
export function deviationsAt(conformance: Conformance, process: Process, id: string): Deviation[] {
  const start = process.nodes.find((n) => n.kind.type === "start" && !n.parent)?.id ?? null;
  return conformance.deviations.filter(
    (d) => (d.kind === "skipped" && d.step === id) || (d.kind === "extra" && d.places.some((p) => (p.after ?? start) === id)),
  );
}

/** The ids of the elements that carry a deviation, for framing them. */
export function deviationIds(conformance: Conformance, process: Process): string[] {
  const start = process.nodes.find((n) => n.kind.type === "start" && !n.parent)?.id ?? null;
  const ids = conformance.deviations.flatMap((d) => (d.kind === "skipped" ? [d.step ?? null] : d.places.map((p) => p.after ?? start)));
  return [...new Set(ids.filter((id): id is string => id !== null))];
}
