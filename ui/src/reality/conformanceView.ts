import type { Conformance, VersionFit } from "../backend";
import type { Deviation } from "../generated/Deviation";
import { element } from "../panels/dom";
import { cases } from "./overlay";

/**
 * The conformance of a log against the version shown: fitness, share of cases that fit
 * perfectly, precision, each version's fitness against the same log, and the deviations; a
 * deviation chosen here or on the canvas lists the variants and cases behind it, each case with
 * a Replay button that opens it in the step simulator.
 */
export class ConformanceView {
  readonly root = element("section", "reality-conformance");
  private readonly details = element("div", "reality-details");
  private conformance: Conformance | null = null;

  constructor(
    private readonly reveal: (deviation: Deviation) => void,
    private readonly replay: (caseId: string) => void,
  ) {}

  show(conformance: Conformance, fits: VersionFit[] | null): void {
    this.conformance = conformance;
    const a = conformance.alignments;
    const figures = element("dl", "reality-figures");
    const figure = (label: string, value: string, name: string) => {
      const dd = element("dd", undefined, value);
      dd.dataset.figure = name;
      figures.append(element("dt", undefined, label), dd);
    };
    figure("Fitness", a.log_fitness.toFixed(3), "fitness");
    figure("Cases that fit", `${a.fitting_cases} of ${conformance.log.cases} (${a.fitting_percent.toFixed(1)} %)`, "fitting");
    figure("Precision", conformance.precision.toFixed(3), "precision");
    figure("Token replay", conformance.token_replay.log_fitness.toFixed(3), "replay");
    figure("Variants", String(conformance.log.variants), "variants");
    this.root.replaceChildren(element("h3", undefined, `v${conformance.version} against ${cases(conformance.log.cases)}`), figures);
    if (fits && fits.length > 1) {
      const line = fits.map((f) => (f.fitness === null ? `v${f.version} —` : `v${f.version} fits ${f.fitness.toFixed(2)}`)).join(", ");
      const p = element("p", "reality-versions", line);
      p.title = fits.map((f) => (f.error ? `v${f.version}: ${f.error}` : `v${f.version}: ${f.fitting_percent?.toFixed(1)} % of cases fit, precision ${f.precision?.toFixed(3)}`)).join("\n");
      this.root.append(p);
    }
    if (conformance.unmapped.length > 0) {
      this.root.append(element("p", "reality-note", `Activities not mapped to a step: ${conformance.unmapped.map((u) => u.activity).join(", ")} (see Mapping).`));
    }
    const list = element("ul", "reality-deviations");
    list.setAttribute("aria-label", "Deviations");
    for (const d of conformance.deviations) {
      const li = element("li");
      const button = element("button", `reality-deviation ${d.kind}`);
      button.type = "button";
      button.dataset.deviation = d.name;
      const what = d.kind === "skipped" ? "skipped" : "not in the design";
      button.append(element("strong", undefined, d.name), element("span", undefined, ` ${what} · ${d.count}× in ${cases(d.cases)}`));
      button.addEventListener("click", () => {
        this.showDetails([d]);
        this.reveal(d);
      });
      li.append(button);
      list.append(li);
    }
    if (conformance.deviations.length === 0) list.append(element("li", "reality-note", "Every case follows the design."));
    this.details.replaceChildren();
    this.root.append(element("h4", undefined, "Deviations"), list, this.details);
  }

  /** The variants and cases behind `deviations` (those on a clicked element). */
  showDetails(deviations: Deviation[]): void {
    const c = this.conformance;
    this.details.replaceChildren();
    if (!c || deviations.length === 0) return;
    for (const d of deviations) {
      const block = element("div", "reality-detail");
      block.dataset.deviation = d.name;
      block.append(element("h4", undefined, `${d.name}: ${d.kind === "skipped" ? "skipped" : "not in the design"} in ${cases(d.cases)}`));
      for (const v of d.variants) {
        const variant = c.variants[v];
        if (!variant) continue;
        const ids = c.cases.filter((k) => k.variant === v).map((k) => k.case);
        const item = element("div", "reality-variant");
        const more = ids.length > 12 ? ` (the first 12 of ${ids.length})` : "";
        item.append(
          element("div", "reality-variant-steps", variant.activities.join(" → ")),
          element("div", "reality-note", `${cases(Number(variant.cases))}, fitness ${variant.alignment_fitness.toFixed(3)}${more}:`),
        );
        const list = element("ul", "reality-cases");
        for (const id of ids.slice(0, 12)) {
          const li = element("li", undefined, `${id} `);
          const replay = element("button", "reality-replay", "Replay");
          replay.type = "button";
          replay.dataset.case = id;
          replay.title = `Step through case ${id} in the simulator`;
          replay.addEventListener("click", () => this.replay(id));
          li.append(replay);
          list.append(li);
        }
        item.append(list);
        block.append(item);
      }
      this.details.append(block);
    }
    this.details.scrollIntoView?.({ block: "nearest" });
  }

  clear(): void {
    this.conformance = null;
    this.root.replaceChildren();
    this.details.replaceChildren();
  }
}
