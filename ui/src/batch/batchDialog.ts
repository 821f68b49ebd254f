import "./batch.css";
import { toCommandError, type Backend, type BatchExport, type BatchRun } from "../backend";
import { element } from "../panels/dom";
import { BatchCharts } from "./batchCharts";
import { bottlenecks, comparisonTable, stepTable, summary } from "./batchReport";
import { GapsPanel } from "./gapsPanel";

/** The version a batch run is for, and which others exist to compare with. */
export interface BatchSubject {
  id: string;
  name: string;
  version: number;
  latest: number;
}

/** Runs start on a fixed Monday, as the CLI's do, so the same seed gives the same figures in both. */
const START = "2026-01-05T00:00:00Z";
const MAX_RUNS = 10_000_000;
const DURATION = /^\s*(\d+[wdhm]\s*)+$/;

type State = "idle" | "running" | "done" | "cancelled" | "failed";

/**
 * The what-if dialog (Ctrl+B): instances, seed, warm-up, a version to compare with and a
 * parameter file; what the run lacks with defaults to run with; a progress bar with Cancel while
 * the core runs; then the figures, three charts, the steps, the bottlenecks and CSV / JSON export.
 */
export class BatchDialog {
  private readonly backdrop = element("div", "modal-backdrop batch-backdrop");
  private readonly dialog = element("div", "modal batch-dialog");
  private readonly title = element("h2", "modal-title");
  private readonly runs = input("batch-runs", "number", "1000");
  private readonly seed = input("batch-seed", "number", "7");
  private readonly warmUp = input("batch-warm-up", "text", "0m");
  private readonly compareWith = element("select");
  private readonly runButton = element("button", "button button-primary", "Run");
  private readonly progress = element("progress");
  private readonly status = element("p", "batch-status");
  private readonly cancelButton = element("button", "button", "Cancel run");
  private readonly results = element("div", "batch-results");
  private readonly exports = element("div", "batch-exports");
  private readonly charts: BatchCharts;
  private readonly gaps = new GapsPanel(() => void this.start(true));
  private readonly parameterName = element("span", "batch-parameter-name", "Parameters: the process's own");
  private readonly pickParameters = element("button", "button", "Parameter file…");
  private readonly clearParameters = element("button", "button", "Use the process's own");
  /** The parameter file chosen for this dialog's runs; null: the definition's own. */
  private parameters: string | null = null;
  private subject: BatchSubject | null = null;
  private run: BatchRun | null = null;

  constructor(
    private readonly backend: Backend,
    private readonly opener: HTMLButtonElement,
    private readonly current: () => BatchSubject | null,
  ) {
    this.backdrop.hidden = true;
    this.backdrop.id = "batch-dialog";
    this.dialog.setAttribute("role", "dialog");
    this.dialog.setAttribute("aria-modal", "true");
    this.title.id = "batch-title";
    this.dialog.setAttribute("aria-labelledby", this.title.id);
    this.compareWith.id = "batch-compare";
    this.runButton.id = "batch-run";
    this.runButton.type = "submit";
    this.progress.id = "batch-progress";
    this.progress.max = 1;
    this.progress.value = 0;
    this.status.id = "batch-status";
    this.status.setAttribute("role", "status");
    this.cancelButton.id = "batch-cancel";
    this.cancelButton.type = "button";
    this.cancelButton.hidden = true;
    this.results.id = "batch-results";
    this.exports.hidden = true;

    const form = element("form", "batch-form");
    form.append(
      field("Instances", this.runs),
      field("Seed", this.seed),
      field("Warm-up", this.warmUp),
      field("Compare with", this.compareWith),
      this.runButton,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.start();
    });
    const note = element("p", "batch-note", "Arrivals, durations, people, calendars and data come from the parameter file when one is chosen, else from the definition, else from the parameters shipped with a sample. Runs start Monday 2026-01-05 00:00 UTC.");
    const parameterRow = element("div", "batch-parameter-file");
    this.parameterName.id = "batch-parameters-name";
    this.pickParameters.id = "batch-parameters-pick";
    this.pickParameters.type = "button";
    this.clearParameters.id = "batch-parameters-clear";
    this.clearParameters.type = "button";
    this.clearParameters.hidden = true;
    this.pickParameters.addEventListener("click", () => void this.chooseParameters());
    this.clearParameters.addEventListener("click", () => void this.setParameters(null));
    parameterRow.append(this.parameterName, this.pickParameters, this.clearParameters);
    const bar = element("div", "batch-progress-row");
    bar.append(this.progress, this.cancelButton);
    this.cancelButton.addEventListener("click", () => void this.backend.batchCancel());

    const canvases = ["batch-histogram", "batch-utilisation", "batch-queues"].map((id) => {
      const canvas = element("canvas");
      canvas.id = id;
      return canvas;
    });
    this.charts = new BatchCharts(canvases[0]!, canvases[1]!, canvases[2]!);
    const chartRow = element("div", "batch-charts");
    const captions = ["Cycle time", "Utilisation per role", "Queue over time"];
    canvases.forEach((canvas, i) => {
      const figure = element("figure", "batch-chart");
      const box = element("div", "batch-chart-box");
      box.append(canvas);
      figure.append(element("figcaption", undefined, captions[i]), box);
      chartRow.append(figure);
    });
    this.results.dataset.charts = "";
    this.results.hidden = true;

    for (const format of ["csv", "json"] as const) {
      const button = element("button", "button", `Export ${format.toUpperCase()}`);
      button.type = "button";
      button.id = `batch-export-${format}`;
      button.addEventListener("click", () => void this.export(format));
      this.exports.append(button);
    }
    const close = element("button", "button", "Close");
    close.type = "button";
    close.id = "batch-close";
    close.addEventListener("click", () => void this.close());
    const actions = element("div", "modal-actions");
    actions.append(this.exports, close);

    this.results.append(chartRow);
    this.dialog.append(this.title, form, parameterRow, note, this.gaps.root, bar, this.status, this.results, actions);
    this.backdrop.append(this.dialog);
    document.body.append(this.backdrop);
    this.setState("idle");

    opener.addEventListener("click", () => this.open());
    document.addEventListener("keydown", (event) => {
      if (this.isOpen && (event.key === "Escape" || event.ctrlKey || event.altKey)) {
        // The dialog is modal: the app's shortcuts wait until it closes.
        event.stopImmediatePropagation();
        if (event.key === "Escape") {
          event.preventDefault();
          void this.close();
        }
      }
    });
  }

  get isOpen(): boolean {
    return !this.backdrop.hidden;
  }

  open(): void {
    const subject = this.current();
    if (!subject) return;
    // A parameter file names one process's steps: another process starts with its own.
    if (this.subject?.id !== subject.id) this.showParameters(null);
    if (this.subject?.id !== subject.id || this.subject.version !== subject.version) this.reset();
    this.subject = subject;
    this.title.textContent = `What-if: ${subject.name} v${subject.version}`;
    const chosen = this.compareWith.value;
    this.compareWith.replaceChildren(option("", "nothing"));
    for (let n = subject.latest; n >= 1; n--) {
      if (n !== subject.version) this.compareWith.append(option(String(n), `v${n}`));
    }
    this.compareWith.value = [...this.compareWith.options].some((o) => o.value === chosen) ? chosen : "";
    this.backdrop.hidden = false;
    this.runs.focus();
    void this.checkGaps();
  }

  /** Asks the core what the run lacks under the chosen parameters, and shows it. */
  private async checkGaps(): Promise<void> {
    const subject = this.subject;
    if (!subject) return;
    this.gaps.show(null);
    try {
      const gaps = await this.backend.batchGaps(subject.id, subject.version, this.parameters);
      if (this.subject === subject) this.gaps.show(gaps);
    } catch (error) {
      // A refused parameter file says why here; the run would be refused the same way.
      this.status.dataset.kind = "error";
      this.status.textContent = toCommandError(error).message;
    }
  }

  private async chooseParameters(): Promise<void> {
    try {
      const path = await this.backend.pickParameterFile();
      if (path) await this.setParameters(path);
    } catch (error) {
      this.status.dataset.kind = "error";
      this.status.textContent = toCommandError(error).message;
    }
  }

  private async setParameters(path: string | null): Promise<void> {
    this.showParameters(path);
    this.status.textContent = "";
    this.status.dataset.kind = "";
    await this.checkGaps();
  }

  private showParameters(path: string | null): void {
    this.parameters = path;
    const name = path?.split(/[\\/]/).pop() ?? "";
    this.parameterName.textContent = path ? `Parameters: ${name}` : "Parameters: the process's own";
    this.parameterName.title = path ?? "";
    this.clearParameters.hidden = path === null;
  }

  async close(): Promise<void> {
    if (this.state === "running") await this.backend.batchCancel();
    this.backdrop.hidden = true;
    this.opener.focus();
  }

  private get state(): State {
    return this.dialog.dataset.state as State;
  }

  private setState(state: State): void {
    this.dialog.dataset.state = state;
    const running = state === "running";
    this.runButton.disabled = running;
    this.gaps.useDefaults.disabled = running;
    this.cancelButton.hidden = !running;
    this.progress.hidden = state === "idle";
    this.exports.hidden = state !== "done";
  }

  private reset(): void {
    this.run = null;
    this.charts.clear();
    this.results.hidden = true;
    this.results.querySelectorAll(".batch-generated").forEach((el) => el.remove());
    this.status.textContent = "";
    this.progress.value = 0;
    this.setState("idle");
  }

  /** Runs; `fillGaps` gives what is missing the defaults the gaps panel shows. */
  private async start(fillGaps = false): Promise<void> {
    const subject = this.subject;
    if (!subject || this.state === "running") return;
    const runs = Number(this.runs.value);
    const seed = Number(this.seed.value);
    const warmUp = this.warmUp.value.trim() || "0m";
    const problem = !Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS
      ? `Instances must be a whole number from 1 to ${MAX_RUNS.toLocaleString("en")}.`
      : !Number.isInteger(seed) || seed < 0
        ? "The seed must be a whole number, 0 or more."
        : !DURATION.test(warmUp)
          ? "Write the warm-up like 0m, 8h or 1w 2d."
          : null;
    if (problem) {
      this.status.textContent = problem;
      this.status.dataset.kind = "error";
      return;
    }
    this.reset();
    this.setState("running");
    this.status.dataset.kind = "";
    this.status.textContent = "Simulating… 0 %";
    const compareWith = this.compareWith.value === "" ? null : Number(this.compareWith.value);
    try {
      const run = await this.backend.batchSimulate(
        {
          id: subject.id,
          version: subject.version,
          compareWith,
          parameters: this.parameters,
          options: { seed, stop: { instances: runs }, warm_up: warmUp, start: START, queue_points: 100, ...(fillGaps ? { fill_gaps: true } : {}) },
        },
        (p) => {
          // Progress messages travel apart from the answer and may arrive after it: ignore those.
          if (this.run !== null || this.subject !== subject) return;
          this.progress.value = p.fraction;
          this.status.textContent = `Simulating… ${Math.floor(p.fraction * 100)} % · ${p.events.toLocaleString("en")} events`;
        },
      );
      if (this.subject !== subject) return;
      this.show(run);
    } catch (error) {
      const failure = toCommandError(error);
      const cancelled = failure.code === "cancelled";
      this.setState(cancelled ? "cancelled" : "failed");
      this.status.dataset.kind = cancelled ? "" : "error";
      this.status.textContent = cancelled ? "Cancelled; nothing was kept." : failure.message;
      // The Cancel button just disappeared; keep the keyboard in the dialog.
      this.runButton.focus();
    }
  }

  private show(run: BatchRun): void {
    this.run = run;
    this.progress.value = 1;
    this.setState("done");
    const events = run.base.result.events + (run.other?.result.events ?? 0);
    this.status.textContent = `Done: ${events.toLocaleString("en")} events.`;
    const generated = (el: HTMLElement) => {
      el.classList.add("batch-generated");
      return el;
    };
    const summaries = generated(element("div", "batch-summaries"));
    summaries.append(summary(run.base));
    if (run.other) summaries.append(summary(run.other));
    this.results.prepend(summaries);
    if (run.comparison) this.results.append(generated(comparisonTable(run.comparison)));
    this.results.append(generated(element("h3", "batch-heading", "Bottlenecks")), generated(bottlenecks(run.base)));
    this.results.append(generated(element("h3", "batch-heading", `Steps (${run.base.label})`)), generated(stepTable(run.base)));
    this.results.hidden = false;
    this.charts.draw(run.base, run.other ?? null);
    this.results.dataset.charts = "drawn";
  }

  private async export(format: BatchExport): Promise<void> {
    if (!this.run) return;
    try {
      const path = await this.backend.saveBatchResult(this.run, format);
      if (path) this.status.textContent = `Saved ${path}`;
    } catch (error) {
      this.status.dataset.kind = "error";
      this.status.textContent = toCommandError(error).message;
    }
  }
}

function input(id: string, type: string, value: string): HTMLInputElement {
  const el = element("input");
  el.id = id;
  el.type = type;
  el.value = value;
  if (type === "number") el.min = "0";
  return el;
}

function field(label: string, control: HTMLElement): HTMLLabelElement {
  const wrapper = element("label", "batch-field");
  wrapper.append(element("span", undefined, label), control);
  return wrapper;
}

function option(value: string, text: string): HTMLOptionElement {
  const el = element("option", undefined, text);
  el.value = value;
  return el;
}
