import type { Performance, RealityReport, ReportFile } from "../backend";
import type { Process } from "../generated/Process";
import { element, headRow } from "../panels/dom";
import { inFlowOrder } from "./flowOrder";

/** Hours as people read them: minutes under an hour, days over two. */
export function duration(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/**
 * The log's timings: the one-line diagnosis, the cycle time, and per step (in flow order) how
 * long work waited and took and how often its SLA was breached; results export as CSV or JSON.
 */
export class PerformanceView {
  readonly root = element("section", "reality-performance");

  constructor(private readonly save: (report: RealityReport, format: ReportFile) => void) {}

  show(performance: Performance, process: Process): void {
    const c = performance.cycle_time;
    const diagnosis = element("p", "reality-diagnosis", performance.diagnosis.line);
    diagnosis.dataset.kind = performance.diagnosis.kind;
    const cycle = element("p", "reality-note", `Cycle time: mean ${duration(c.mean_hours)}, median ${duration(c.p50_hours)}, p90 ${duration(c.p90_hours)}, max ${duration(c.max_hours)}.`);
    const table = element("table", "reality-steps");
    table.append(headRow(["Step", "Role", "Count", "Waiting", "p90 wait", "Service", "SLA breaches"]));
    for (const step of inFlowOrder(performance.steps, process)) {
      const tr = element("tr");
      if (!step.node) tr.classList.add("undesigned");
      const sla = step.sla ? `${(step.sla.breach_rate * 100).toFixed(1)} % of ${step.sla.target}` : "—";
      const cells = [step.node ? step.name : `${step.name} (not in the design)`, step.role, String(step.count), duration(step.waiting_hours), duration(step.waiting_p90_hours), step.service_hours === undefined || step.service_hours === null ? "—" : duration(step.service_hours), sla];
      for (const text of cells) tr.append(element("td", undefined, text));
      if (step.sla && step.sla.breach_rate > 0) tr.lastElementChild!.classList.add("breach");
      table.append(tr);
    }
    const exports = element("div", "reality-actions");
    for (const [report, format, label] of [
      ["performance", "csv", "Steps as CSV…"],
      ["performance", "json", "Performance as JSON…"],
      ["conformance", "csv", "Cases' fitness as CSV…"],
      ["conformance", "json", "Conformance as JSON…"],
    ] as const) {
      const button = element("button", "panel-button", label);
      button.type = "button";
      button.dataset.export = `${report}-${format}`;
      button.addEventListener("click", () => this.save(report, format));
      exports.append(button);
    }
    const note = performance.lifecycle ? "Service times from start and complete events." : "The log has no start events: waiting is the time since the case's previous event.";
    this.root.replaceChildren(diagnosis, cycle, element("p", "reality-note", note), table, element("h4", undefined, "Export"), exports);
  }

  showRefusal(message: string): void {
    this.root.replaceChildren(element("p", "reality-note", message));
  }
}
