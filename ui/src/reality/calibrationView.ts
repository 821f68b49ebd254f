import type { BatchProgress, Calibration } from "../backend";
import { element, headRow } from "../panels/dom";
import { duration } from "./performanceView";

/** What the view asks of the panel. */
export interface CalibrationActions {
  run: () => void;
  cancel: () => void;
  /** Stores the version with the fitted parameters as a new process to try a redesign on. */
  draftCopy: () => void;
}

const FIT_NAMES = { exponential: "exponential", lognormal: "lognormal", empirical: "as observed" } as const;

/**
 * The calibrated what-if: "Calibrate" fits arrivals, durations, branch chances and people per
 * role from the log and runs the batch simulation on them (progress, Cancel); then what was
 * fitted and the simulated cycle times against the observed ones (quantiles and the two-sample
 * Kolmogorov–Smirnov statistic with its verdict), and a calibrated copy to try a redesign on.
 */
export class CalibrationView {
  readonly root = element("section", "reality-calibration");
  private readonly runButton = element("button", "primary-button", "Fit and simulate");
  private readonly cancelButton = element("button", "panel-button", "Cancel");
  private readonly progress = element("progress", "reality-progress");
  private readonly result = element("div", "reality-calibration-result");

  constructor(private readonly actions: CalibrationActions) {
    this.runButton.type = "button";
    this.runButton.id = "reality-calibrate";
    this.runButton.addEventListener("click", () => actions.run());
    this.cancelButton.type = "button";
    this.cancelButton.id = "reality-calibrate-cancel";
    this.cancelButton.addEventListener("click", () => actions.cancel());
    this.progress.max = 1;
    const intro = element("p", "reality-note", "Fits arrivals, step durations, branch chances and people per role from the log, simulates that many cases and more, and sets the simulated cycle times against the log's: check they agree before trying a redesign on them.");
    const row = element("div", "reality-actions");
    row.append(this.runButton, this.progress, this.cancelButton);
    this.root.append(intro, row, this.result);
    this.idle();
  }

  /** Ready to run; the last result, if any, stays. */
  idle(): void {
    this.runButton.disabled = false;
    this.progress.hidden = true;
    this.cancelButton.hidden = true;
  }

  /** Ready to run, nothing shown: another log or version is chosen. */
  clear(): void {
    this.idle();
    this.result.replaceChildren();
  }

  running(): void {
    this.runButton.disabled = true;
    this.progress.hidden = false;
    this.progress.value = 0;
    this.cancelButton.hidden = false;
    this.result.replaceChildren(element("p", "reality-note", "Fitting and simulating…"));
  }

  advanced(p: BatchProgress): void {
    this.progress.value = p.fraction;
  }

  refused(message: string): void {
    this.idle();
    this.result.replaceChildren(element("p", "reality-note", message));
  }

  show(c: Calibration): void {
    this.idle();
    const agrees = c.ks <= c.ks_critical;
    const verdict = element(
      "p",
      "reality-diagnosis",
      agrees
        ? `The simulated cycle times agree with the log's (KS ${c.ks.toFixed(3)} ≤ ${c.ks_critical.toFixed(3)} at 5 %): a redesign can be tried on these parameters.`
        : `The simulated cycle times differ from the log's (KS ${c.ks.toFixed(3)} > ${c.ks_critical.toFixed(3)} at 5 %): check the fits before relying on a what-if.`,
    );
    verdict.id = "reality-calibration-verdict";
    verdict.dataset.kind = agrees ? "agrees" : "differs";
    const figures = element("p", "reality-note", `v${c.version}: ${c.observed_cases} cases in the log, ${c.simulated_cases} simulated; arrivals ${c.arrivals_per_hour.toFixed(3)} an hour (Poisson).`);
    const lifecycle = c.lifecycle
      ? "Durations are start-to-complete times counted in each role's working hours, read off the log; people per role are those seen."
      : "The log has no start events: durations include the wait since the case's previous event, so roles get no pools.";
    const cycles = table(["Cycle time", "Observed", "Simulated"], c.cycle_time.map((r) => [r.quantile, duration(r.observed_hours), duration(r.simulated_hours)]));
    cycles.id = "reality-calibration-cycles";
    const steps = table(
      ["Step", "Samples", "Fit", "Mean", "SD"],
      c.steps.map((s) => [s.step, String(s.samples), FIT_NAMES[s.fit], duration(s.mean_minutes / 60), duration(s.sd_minutes / 60)]),
    );
    const branches = table(
      ["Decision", "Way", "Chance"],
      c.branches.flatMap((b) => b.ways.map((w) => [b.gateway, w.way, `${(w.probability * 100).toFixed(1)} % (${w.seen})`])),
    );
    const roles = table(["Role", "People seen", "Working hours"], c.roles.map((r) => [r.role, String(r.people), r.hours ?? "around the clock"]));
    const copy = element("button", "panel-button", "Draft a calibrated copy");
    copy.type = "button";
    copy.id = "reality-calibrated-copy";
    copy.title = "Store this version with the fitted parameters as a new process, to redesign and compare in What-if";
    copy.addEventListener("click", () => this.actions.draftCopy());
    this.result.replaceChildren(
      verdict,
      figures,
      element("p", "reality-note", lifecycle),
      cycles,
      element("h4", undefined, "Steps"),
      steps,
      element("h4", undefined, "Decisions"),
      branches,
      element("h4", undefined, "Roles"),
      roles,
      copy,
    );
  }
}

function table(head: string[], rows: string[][]): HTMLTableElement {
  const t = element("table", "reality-steps");
  t.append(headRow(head));
  for (const row of rows) {
    const r = element("tr");
    for (const cell of row) r.append(element("td", undefined, cell));
    t.append(r);
  }
  return t;
}
