import { toCommandError, type Backend, type Calibration, type Conformance, type LogSubject, type StoredLog } from "../backend";
import type { Deviation } from "../generated/Deviation";
import type { Canvas } from "../canvas";
import type { Process } from "../generated/Process";
import { element } from "../panels/dom";
import { CalibrationView } from "./calibrationView";
import { ConformanceView } from "./conformanceView";
import { LogImport } from "./logImport";
import { MappingEditor } from "./mappingEditor";
import { deviationIds, deviationsAt, realityDecorations } from "./overlay";
import { PerformanceView } from "./performanceView";

export type RealityTab = "conformance" | "mapping" | "performance" | "calibrate";

/** What the panel reports to the window. */
export interface RealityEvents {
  exit: () => void;
  failed: (error: unknown, message: string) => void;
  status: (message: string) => void;
  /** Case `case` of log `log`, to be stepped through in the simulator on `version`. */
  replayCase: (c: { process: string; version: number; definition: Process; log: number; case: string }) => void;
  /** A process was drafted from the chosen log (discovered, or a calibrated copy): it is to be opened. */
  drafted: (process: string, name: string) => void;
}

/** The saved version on the canvas while reality mode is on. */
interface Shown {
  process: string;
  name: string;
  version: number;
  definition: Process;
}

/**
 * Reality mode's panel: the process's logs and "Import log…", then for the chosen log its
 * conformance (also drawn on the canvas), the activity → step mapping and the performance.
 */
export class RealityPanel {
  private shown: Shown | null = null;
  private logs: StoredLog[] = [];
  private log: number | null = null;
  private tab: RealityTab = "conformance";
  /** Moves with every load, so an answer for a log no longer chosen is dropped. */
  private ticket = 0;
  private readonly title = element("h2", "reality-title");
  private readonly list = element("ul", "reality-logs");
  private readonly tabs = element("div", "reality-tabs");
  private readonly body = element("div", "reality-body");
  /** Drafts the as-is process from the chosen log: off until a log is chosen, and while it runs. */
  private readonly discoverButton = element("button", "panel-button", "Discover…");
  private readonly importer: LogImport;
  private readonly conformance: ConformanceView;
  private readonly mapping: MappingEditor;
  private readonly performance: PerformanceView;
  private readonly calibration: CalibrationView;
  /** The last calibration and the subject it ran on (`key`). */
  private calibrated: { key: string; result: Calibration } | null = null;
  /** The subject a calibration runs on; it is cancelled when another is chosen. */
  private calibrating: string | null = null;

  constructor(
    private readonly backend: Backend,
    private readonly canvas: Canvas,
    private readonly panel: HTMLElement,
    private readonly events: RealityEvents,
  ) {
    this.importer = new LogImport(backend, () => this.shown?.process ?? null, {
      imported: ({ log, new: fresh }) => {
        events.status(fresh ? `Log ${log.number} stored: ${log.cases} cases, ${log.events} events` : `That log is already stored as log ${log.number}`);
        void this.reload(log.number);
      },
      failed: events.failed,
      status: events.status,
    });
    this.conformance = new ConformanceView((d) => {
      const id = d.kind === "skipped" ? d.step : (d.places[0]?.after ?? null);
      if (id) {
        this.canvas.select(id);
        this.canvas.centreOn(id);
      }
    }, (id) => {
      const shown = this.shown;
      if (shown && this.log !== null) events.replayCase({ process: shown.process, version: shown.version, definition: shown.definition, log: this.log, case: id });
    });
    this.mapping = new MappingEditor((m) => void this.saveMapping(m));
    this.performance = new PerformanceView((report, format) => void this.export(report, format));
    this.calibration = new CalibrationView({
      run: () => void this.calibrate(),
      cancel: () => void this.backend.batchCancel(),
      draftCopy: () => void this.draftCalibratedCopy(),
    });
  }

  get isOpen(): boolean {
    return this.shown !== null;
  }

  async open(process: string, name: string, version: number, definition: Process): Promise<void> {
    this.shown = { process, name, version, definition };
    // Nothing of an earlier visit shows (or is acted on) until this process's logs are listed.
    this.logs = [];
    this.log = null;
    this.current = null;
    this.list.replaceChildren();
    this.body.replaceChildren();
    delete this.body.dataset.state;
    this.canvas.setMode("view");
    this.build();
    this.panel.hidden = false;
    await this.reload(null);
  }

  close(): void {
    if (!this.shown) return;
    this.shown = null;
    this.ticket++;
    if (this.calibrating !== null) void this.backend.batchCancel();
    this.importer.close();
    this.panel.hidden = true;
    this.panel.replaceChildren();
    this.canvas.setDecorations("reality", null);
    this.canvas.select(null);
  }

  /** An element was clicked on the canvas: the deviations marked on it, with their cases. */
  canvasSelected(id: string | null): void {
    const c = this.current;
    if (!this.shown || !c || id === null) return;
    const found = deviationsAt(c, this.shown.definition, id);
    if (found.length === 0) return;
    if (this.tab === "conformance") {
      this.conformance.showDetails(found);
      return;
    }
    this.tab = "conformance";
    void this.load(found);
  }

  private current: Conformance | null = null;

  private build(): void {
    const close = element("button", "panel-button reality-close", "Close");
    close.type = "button";
    close.title = "Leave reality (Esc)";
    close.addEventListener("click", () => this.events.exit());
    const importButton = element("button", "primary-button", "Import log…");
    importButton.type = "button";
    importButton.id = "reality-import";
    importButton.addEventListener("click", () => void this.importer.start());
    const header = element("div", "reality-header");
    header.append(this.title, close);
    this.title.textContent = `Reality · ${this.shown?.name} v${this.shown?.version}`;
    this.tabs.replaceChildren();
    for (const [tab, label] of [["conformance", "Conformance"], ["mapping", "Mapping"], ["performance", "Performance"], ["calibrate", "Calibrate"]] as const) {
      const b = element("button", "reality-tab", label);
      b.type = "button";
      b.dataset.tab = tab;
      b.addEventListener("click", () => this.setTab(tab));
      this.tabs.append(b);
    }
    const discover = this.discoverButton;
    discover.type = "button";
    discover.id = "reality-discover";
    discover.title = "Draft the process the chosen log shows (inductive miner) as a new process";
    discover.disabled = true;
    discover.onclick = () => void this.discover();
    const actions = element("div", "reality-actions");
    actions.append(importButton, discover);
    const logs = element("section", "reality-log-list");
    logs.append(element("h3", undefined, "Event logs"), this.list, actions);
    this.panel.replaceChildren(header, logs, this.importer.root, this.tabs, this.body);
  }

  private subject(): LogSubject | null {
    return this.shown && this.log !== null ? { id: this.shown.process, version: this.shown.version, log: this.log } : null;
  }

  /** Lists the logs again and chooses `chosen` (null: the newest). */
  private async reload(chosen: number | null): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    try {
      this.logs = await this.backend.processLogs(shown.process);
    } catch (error) {
      this.events.failed(error, "The logs could not be listed");
      return;
    }
    if (this.shown !== shown) return;
    this.log = chosen ?? this.logs[this.logs.length - 1]?.number ?? null;
    this.renderList();
    await this.load();
  }

  private renderList(): void {
    this.list.replaceChildren();
    if (this.logs.length === 0) this.list.append(element("li", "reality-note", "No log yet: import one a system wrote (CSV or XES)."));
    for (const log of this.logs) {
      const li = element("li");
      const b = element("button", "reality-log", `${log.number}. ${log.name}`);
      b.type = "button";
      b.dataset.log = String(log.number);
      b.setAttribute("aria-pressed", String(log.number === this.log));
      b.append(element("small", undefined, ` ${log.cases} cases · ${log.events} events`));
      b.addEventListener("click", () => {
        // The log shown already: checking it again would only replace what is on screen.
        if (this.log === log.number) return;
        this.log = log.number;
        this.renderList();
        void this.load();
      });
      li.append(b);
      this.list.append(li);
    }
    this.tabs.hidden = this.log === null;
    this.body.hidden = this.log === null;
    this.discoverButton.disabled = this.log === null;
  }

  setTab(tab: RealityTab): void {
    this.tab = tab;
    for (const b of this.tabs.querySelectorAll<HTMLButtonElement>("button")) b.setAttribute("aria-selected", String(b.dataset.tab === tab));
    void this.load();
  }

  /**
   * Loads what the chosen tab shows for the chosen log; the conformance overlay stays on the
   * canvas. With `details` (the deviations on an element clicked), the conformance tab shows
   * their cases and the view stays where it is; else it frames the deviation most cases share.
   */
  private async load(details: Deviation[] | null = null): Promise<void> {
    const subject = this.subject();
    const shown = this.shown;
    const ticket = ++this.ticket;
    for (const b of this.tabs.querySelectorAll<HTMLButtonElement>("button")) b.setAttribute("aria-selected", String(b.dataset.tab === this.tab));
    if (this.calibrating !== null && (!subject || this.calibrating !== key(subject))) void this.backend.batchCancel();
    if (!subject || !shown) {
      this.canvas.setDecorations("reality", null);
      return;
    }
    this.body.dataset.state = "loading";
    try {
      const conformance = await this.backend.logConformance(subject);
      if (ticket !== this.ticket) return;
      this.current = conformance;
      const overlay = realityDecorations(conformance, shown.definition);
      this.canvas.setDecorations("reality", overlay);
      if (this.tab === "conformance") {
        const fits = await this.backend.logFitByVersion(subject.id, subject.log).catch(() => null);
        if (ticket !== this.ticket) return;
        this.conformance.show(conformance, fits);
        this.body.replaceChildren(this.conformance.root);
        // The deviation most cases share, in view: the panel leaves too little room for all of them.
        const first = conformance.deviations[0];
        const at = first ? deviationIds({ ...conformance, deviations: [first] }, shown.definition) : [];
        if (details) this.conformance.showDetails(details);
        else if (at.length > 0) this.canvas.frame(at);
      } else if (this.tab === "mapping") {
        const table = await this.backend.logMapping(subject);
        if (ticket !== this.ticket) return;
        this.mapping.show(table);
        this.body.replaceChildren(this.mapping.root);
      } else if (this.tab === "calibrate") {
        const k = key(subject);
        if (this.calibrating === null && this.calibrated?.key === k) this.calibration.show(this.calibrated.result);
        else if (this.calibrating === null) this.calibration.clear();
        this.body.replaceChildren(this.calibration.root);
      } else {
        this.body.replaceChildren(this.performance.root);
        try {
          const performance = await this.backend.logPerformance(subject);
          if (ticket !== this.ticket) return;
          this.performance.show(performance, shown.definition);
        } catch (error) {
          this.performance.showRefusal((error as { message?: string }).message ?? String(error));
        }
      }
      this.body.dataset.state = "ready";
      const a = conformance.alignments;
      this.events.status(`${shown.name} v${shown.version} against log ${subject.log}: fitness ${a.log_fitness.toFixed(3)}, ${a.fitting_percent.toFixed(1)} % of cases fit`);
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.body.dataset.state = "failed";
      this.events.failed(error, `Log ${subject.log} could not be checked against v${subject.version}`);
    }
  }

  /** Drafts the as-is process from the chosen log (20 % noise threshold: infrequent paths left out). */
  private async discover(): Promise<void> {
    const subject = this.subject();
    if (!subject) return;
    this.events.status(`Discovering the process in log ${subject.log}…`);
    this.discoverButton.disabled = true;
    try {
      const found = await this.backend.discoverStoredLog(subject.id, subject.log, 0.2);
      this.events.drafted(found.process, found.name);
    } catch (error) {
      this.events.failed(error, `No process could be discovered in log ${subject.log}`);
    } finally {
      this.discoverButton.disabled = this.log === null;
    }
  }

  /** Fits the what-if to the chosen log and runs it; the panel may move on meanwhile. */
  private async calibrate(): Promise<void> {
    const subject = this.subject();
    if (!subject) return;
    const k = key(subject);
    this.calibrating = k;
    this.calibration.running();
    this.events.status(`Calibrating v${subject.version} from log ${subject.log}…`);
    try {
      const result = await this.backend.logCalibration(subject, (p) => this.calibration.advanced(p));
      this.calibrated = { key: k, result };
      this.calibration.show(result);
      this.events.status(`Calibrated v${result.version} from ${result.observed_cases} cases: KS ${result.ks.toFixed(3)}`);
    } catch (error) {
      const e = toCommandError(error);
      this.calibration.refused(e.code === "cancelled" ? "Calibration cancelled." : e.message);
      if (e.code !== "cancelled") this.events.failed(error, `Log ${subject.log} could not calibrate v${subject.version}`);
    } finally {
      this.calibrating = null;
    }
  }

  private async draftCalibratedCopy(): Promise<void> {
    const subject = this.subject();
    if (!subject) return;
    try {
      const draft = await this.backend.draftCalibratedCopy(subject);
      this.events.drafted(draft.process, draft.name);
    } catch (error) {
      this.events.failed(error, "The calibrated copy could not be stored");
    }
  }

  private async saveMapping(mapping: Record<string, string | null>): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    try {
      await this.backend.saveLogMapping(shown.process, mapping);
      this.events.status(`Mapping saved for ${shown.name}`);
      await this.load();
    } catch (error) {
      this.events.failed(error, "The mapping could not be saved");
    }
  }

  private async export(report: "conformance" | "performance", format: "csv" | "json"): Promise<void> {
    const subject = this.subject();
    if (!subject) return;
    try {
      const path = await this.backend.saveRealityReport(subject, report, format);
      if (path) this.events.status(`Saved ${path}`);
    } catch (error) {
      this.events.failed(error, "The report could not be saved");
    }
  }
}

function key(subject: LogSubject): string {
  return `${subject.id}:${subject.version}:${subject.log}`;
}
