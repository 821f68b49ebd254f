import "./styles.css";
import "./history.css";
import "./compare.css";
import "./problems.css";
import "./tamper.css";
import "./simulation.css";
import { shellBackend, toCommandError, type Backend, type LibraryOverview, type VersionInfo } from "./backend";
import { Canvas } from "./canvas";
import { changeSummary } from "./compare/changeRows";
import { CompareMode } from "./compare/compareMode";
import type { Process } from "./generated/Process";
import type { ProcessSummary } from "./generated/ProcessSummary";
import { ConfirmDialog } from "./panels/confirmDialog";
import { ErrorBanner } from "./panels/errorBanner";
import { endOfUtcDay } from "./panels/format";
import { HistoryPanel } from "./panels/historyPanel";
import { ProcessHeader } from "./panels/processHeader";
import { ProcessList } from "./panels/processList";
import { TamperBanner } from "./panels/tamperBanner";
import { problemSummary } from "./problems/groups";
import { LiveValidation, type Outcome } from "./problems/liveValidation";
import { problemDecorations } from "./problems/markers";
import { ProblemsPanel } from "./problems/problemsPanel";
import { SimulationMode } from "./simulation/simulationMode";
import "./sync/sync.css";
import { ConflictView } from "./sync/conflictView";
import { buildLinkForm, SyncControl } from "./sync/syncControl";

function required<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el as T;
}

/** The process on screen and which of its versions the canvas shows. */
interface Shown {
  summary: ProcessSummary;
  /** Newest version number known; anything older is opened read-only. */
  latest: number;
  /** The version on the canvas, once loaded. */
  version: number | null;
  /** Its definition, once loaded. */
  process: Process | null;
}

/** What to return to when compare mode ends. */
interface BeforeCompare {
  version: number | null;
  historyOpen: boolean;
}

/** Wires the panels to the canvas and the backend; holds the only app state: what is shown. */
class App {
  private readonly canvas: Canvas;
  private readonly canvasHost = required("canvas-host");
  private readonly list: ProcessList;
  private readonly header = new ProcessHeader(required("process-header"), () => void this.openVersion());
  private readonly banner = new ErrorBanner(required("error-banner"));
  private readonly dialog = new ConfirmDialog("confirm-dialog");
  private readonly history: HistoryPanel;
  private readonly compare: CompareMode;
  private readonly problems: ProblemsPanel;
  private readonly simulation: SimulationMode;
  private readonly simulateToggle = required<HTMLButtonElement>("simulate-toggle");
  private readonly validation: LiveValidation;
  private readonly tamper = new TamperBanner(required("tamper-banner"));
  private readonly problemSummary = required<HTMLButtonElement>("problem-summary");
  private readonly problemCount = required("problems-count");
  private readonly emptyState = required("empty-state");
  private readonly zoomControls = required("zoom-controls");
  private readonly status = required("status-text");
  private readonly zoomLevel = required<HTMLOutputElement>("zoom-level");
  private readonly sync: SyncControl;
  private shown: Shown | null = null;
  /** Only the newest load may update the screen; a slower earlier answer is dropped. */
  private loadTicket = 0;
  private historyTicket = 0;
  /** Whose versions the history panel lists, so another process's rows are never clickable. */
  private historyOf: string | null = null;
  /** Set while comparing. */
  private beforeCompare: BeforeCompare | null = null;

  constructor(private readonly backend: Backend) {
    this.canvas = new Canvas({
      id: "diagram",
      onViewChange: (zoom) => (this.zoomLevel.value = `${Math.round(zoom * 100)}%`),
      onSelect: (id) => {
        this.compare.canvasSelected(id);
        this.problems.reveal(id);
        this.simulation.canvasSelected(id);
      },
    });
    this.canvas.mount(this.canvasHost);
    this.compare = new CompareMode(
      this.canvas,
      { bar: required("compare-bar"), changeList: required("change-list"), textDiff: required("text-diff"), canvasHost: this.canvasHost },
      () => void this.exitCompare(),
    );
    this.simulation = new SimulationMode(
      backend,
      this.canvas,
      required("simulation-panel"),
      required("sim-log"),
      (message, error) => {
        this.status.textContent = message;
        if (error !== undefined) this.banner.show(toCommandError(error), message);
      },
      () => this.toggleSimulation(),
    );
    this.simulateToggle.addEventListener("click", () => this.toggleSimulation());
    const problemsToggle = required<HTMLButtonElement>("problems-toggle");
    this.problems = new ProblemsPanel(required("problems-panel"), problemsToggle, (problem) => this.focusElement(problem.element));
    this.validation = new LiveValidation(backend, (outcome) => this.showProblems(outcome));
    problemsToggle.addEventListener("click", () => this.problems.setOpen(!this.problems.isOpen));
    this.problemSummary.addEventListener("click", () => this.problems.setOpen(!this.problems.isOpen, true));
    this.list = new ProcessList(required<HTMLUListElement>("process-list"), (summary) => void this.open(summary));
    const toggle = required<HTMLButtonElement>("history-toggle");
    this.history = new HistoryPanel(required("history-panel"), toggle, this.dialog, {
      open: (number) => void this.openVersion(number),
      asOf: (day) => void this.showAsOf(day),
      restore: (version) => void this.restore(version),
      tag: (number, tag) => this.tag(number, tag),
      compare: (from, to) => void this.compareVersions(from, to),
    });
    toggle.addEventListener("click", () => this.toggleHistory(false));
    required("zoom-in").addEventListener("click", () => this.canvas.zoomBy(1.25));
    required("zoom-out").addEventListener("click", () => this.canvas.zoomBy(0.8));
    required("zoom-fit").addEventListener("click", () => this.canvas.fit());
    document.addEventListener("keydown", this.onShortcut);
    const report = (message: string, error: unknown) => this.banner.show(toCommandError(error), message);
    const conflicts = new ConflictView(required("sync-panel"), backend, (_, saved) => void this.mergeSaved(saved), report);
    const linkForm = required<HTMLFormElement>("sync-link-form");
    buildLinkForm(linkForm);
    this.sync = new SyncControl(required<HTMLButtonElement>("sync-button"), required("sync-result"), linkForm, backend, (merges) => conflicts.show(merges), () => void this.synced(), report);
  }

  async start(): Promise<void> {
    this.status.textContent = "Opening library…";
    let overview: LibraryOverview;
    try {
      overview = await this.backend.libraryOverview();
    } catch (error) {
      this.status.textContent = "The library could not be opened";
      this.banner.show(toCommandError(error), "The library could not be opened");
      this.describeEmptyState("No library", "Flowlane could not open the library; see the message above.");
      return;
    }
    this.list.setProcesses(overview.processes);
    const path = required("library-path");
    // The path is cut at its start (CSS direction: rtl); the marks keep its slashes in place.
    path.textContent = `\u200e${overview.path}\u200e`;
    path.title = overview.path;
    const note = required("library-note");
    note.hidden = overview.processes.length > 0;
    note.textContent = overview.created ? "A new, empty library was created." : "This library has no processes yet.";
    if (overview.processes.length === 0) this.describeEmptyState("No processes yet", "This library is empty.");
    const count = overview.processes.length;
    this.status.textContent = `${count} ${count === 1 ? "process" : "processes"} in the library`;
    void this.verifyLibrary();
    void this.sync.start();
  }

  /** The tamper check runs once at start-up; findings stay on screen in their own banner. */
  private async verifyLibrary(): Promise<void> {
    try {
      this.tamper.show(await this.backend.verifyLibrary());
    } catch (error) {
      this.banner.show(toCommandError(error), "The library's integrity could not be checked");
    }
  }

  private describeEmptyState(title: string, hint: string): void {
    this.emptyState.querySelector(".empty-title")!.textContent = title;
    this.emptyState.querySelector(".empty-hint")!.textContent = hint;
  }

  private async open(summary: ProcessSummary): Promise<void> {
    this.leaveCompare();
    this.list.markSelected(summary.id);
    this.shown = { summary, latest: summary.latest ?? 0, version: null, process: null };
    if (this.history.isOpen) void this.loadHistory();
    await this.openVersion();
  }

  /** Shows version `number` of the shown process, or its latest; older versions are read-only. */
  private async openVersion(number?: number, { keepAsOf = false } = {}): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const ticket = ++this.loadTicket;
    const name = shown.summary.name;
    this.leaveCompare();
    this.leaveSimulation();
    if (!keepAsOf) this.history.clearAsOf();
    this.status.textContent = number === undefined ? `Loading ${name}…` : `Loading ${name} v${number}…`;
    try {
      const loaded = await this.backend.loadProcess(shown.summary.id, number);
      if (ticket !== this.loadTicket) return;
      const { process, version } = loaded;
      shown.latest = Math.max(shown.latest, number === undefined ? version.number : 0);
      shown.version = version.number;
      shown.process = process;
      this.simulateToggle.disabled = false;
      const readOnly = version.number < shown.latest;
      this.banner.hide();
      this.emptyState.hidden = true;
      this.zoomControls.hidden = false;
      this.header.show(loaded, shown.latest);
      this.canvas.show(process, { number: version.number, readOnly });
      this.canvasHost.classList.toggle("read-only", readOnly);
      this.history.markOpened(version.number);
      const state = readOnly ? ` (read-only; current is v${shown.latest})` : "";
      this.status.textContent = `${process.info.name} v${version.number}${state} · ${process.lanes.length} workflows · ${process.nodes.length} steps · ${process.flows.length} flows`;
      this.validation.changed({ id: shown.summary.id, version: version.number });
    } catch (error) {
      if (ticket !== this.loadTicket) return;
      const what = number === undefined ? name : `${name} v${number}`;
      this.banner.show(toCommandError(error), `${what} could not be loaded`);
      this.status.textContent = `${what} could not be loaded`;
    }
  }

  /** Compare mode: the newer version on the canvas with the overlay, the change list beside it. */
  private async compareVersions(from: number, to: number): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const ticket = ++this.loadTicket;
    const name = shown.summary.name;
    this.status.textContent = `Comparing ${name} v${from} with v${to}…`;
    try {
      const comparison = await this.backend.compareVersions(shown.summary.id, from, to);
      if (ticket !== this.loadTicket || shown !== this.shown) return;
      this.beforeCompare ??= { version: shown.version, historyOpen: this.history.isOpen };
      if (this.history.isOpen) this.history.setOpen(false);
      const { old, new: now, diff } = comparison;
      shown.latest = Math.max(shown.latest, now.version.number);
      shown.version = now.version.number;
      shown.process = now.process;
      this.leaveSimulation();
      this.banner.hide();
      this.emptyState.hidden = true;
      this.zoomControls.hidden = false;
      this.header.showComparison(old.version, now);
      this.canvasHost.classList.remove("read-only");
      this.canvas.show(now.process, { number: now.version.number, readOnly: now.version.number < shown.latest });
      this.compare.show(comparison);
      this.compare.focusList();
      this.status.textContent = `${name}: v${from} → v${to} · ${changeSummary(diff)}`;
      this.validation.changed({ id: shown.summary.id, version: now.version.number });
    } catch (error) {
      if (ticket !== this.loadTicket) return;
      this.banner.show(toCommandError(error), `${name} v${from} and v${to} could not be compared`);
      this.status.textContent = `${name} v${from} and v${to} could not be compared`;
    }
  }

  /** Ends compare mode and reopens what was shown before it. */
  private async exitCompare(): Promise<void> {
    const version = this.beforeCompare?.version ?? undefined;
    this.leaveCompare();
    if (this.history.isOpen) void this.loadHistory();
    await this.openVersion(version);
  }

  /** Drops the comparison and reopens the history panel if it was open before (the caller fills it). */
  private leaveCompare(): void {
    const before = this.beforeCompare;
    if (!before) return;
    this.beforeCompare = null;
    this.compare.close();
    if (before.historyOpen) this.history.setOpen(true);
  }

  /** Simulation mode on the version on the canvas, or back to the normal view. */
  private toggleSimulation(): void {
    const shown = this.shown;
    if (this.simulation.isActive) {
      this.leaveSimulation();
      return;
    }
    if (!shown?.process || shown.version === null) return;
    this.leaveCompare();
    if (this.history.isOpen) this.history.setOpen(false);
    this.compare.setTab("diagram");
    // The start form proposes today (UTC); the run's time is whatever the user enters.
    this.simulation.open({ process: shown.process, version: shown.version, today: new Date().toISOString().slice(0, 10) });
    this.simulateToggle.setAttribute("aria-pressed", "true");
    this.status.textContent = `Simulating ${shown.process.info.name} v${shown.version}`;
  }

  private leaveSimulation(): void {
    if (!this.simulation.isActive) return;
    this.simulation.close();
    this.simulateToggle.setAttribute("aria-pressed", "false");
  }

  /** Selects and centres an element chosen in a list (none for a process-wide problem). */
  private focusElement(id: string | null): void {
    this.compare.setTab("diagram");
    this.canvas.select(id);
    if (id !== null) this.canvas.centreOn(id);
  }

  /** A validation answer for what is shown: the panel, the canvas badges and the status bar. */
  private showProblems(outcome: Outcome): void {
    const shown = this.shown;
    if (!shown || outcome.subject.id !== shown.summary.id || outcome.subject.version !== shown.version) return;
    const subject = `${shown.summary.name} v${outcome.subject.version}`;
    if ("error" in outcome) {
      this.problems.showMessage(`The design could not be checked: ${outcome.error.message}`, subject);
      this.canvas.setDecorations("problems", null);
      this.problemSummary.hidden = true;
      this.problemCount.hidden = true;
      return;
    }
    const { problems } = outcome;
    this.problems.show(subject, problems);
    this.canvas.setDecorations("problems", problemDecorations(problems));
    const errors = problems.some((p) => p.severity === "error");
    const level = problems.length === 0 ? "clean" : errors ? "error" : "warning";
    this.problemSummary.textContent = problemSummary(problems);
    this.problemSummary.dataset.level = level;
    this.problemSummary.hidden = false;
    this.problemCount.textContent = String(problems.length);
    this.problemCount.dataset.level = level;
    this.problemCount.hidden = problems.length === 0;
  }

  private toggleHistory(focus: boolean): void {
    const open = !this.history.isOpen;
    if (open) this.leaveSimulation();
    this.history.setOpen(open, focus);
    if (open) void this.loadHistory();
  }

  /** Fills the history panel for the shown process; a newer request wins over a slower one. */
  private async loadHistory(): Promise<void> {
    const shown = this.shown;
    const ticket = ++this.historyTicket;
    if (!shown) {
      this.history.showPlaceholder("Select a process to see its versions.");
      return;
    }
    if (this.historyOf !== shown.summary.id) {
      this.historyOf = null;
      this.history.showPlaceholder("Loading versions…");
    }
    try {
      const versions = await this.backend.processHistory(shown.summary.id);
      if (ticket !== this.historyTicket || shown !== this.shown) return;
      this.historyOf = shown.summary.id;
      shown.latest = Math.max(shown.latest, ...versions.map((v) => v.number));
      this.history.showVersions(shown.summary.name, versions, shown.version);
    } catch (error) {
      if (ticket !== this.historyTicket) return;
      this.historyOf = null;
      this.history.showPlaceholder("The history could not be read.");
      this.banner.show(toCommandError(error), `The history of ${shown.summary.name} could not be read`);
    }
  }

  private async showAsOf(day: string): Promise<void> {
    const shown = this.shown;
    const at = endOfUtcDay(day);
    if (!shown) return;
    if (!at) {
      this.history.showAsOfResult(`${day} is not a date.`, false);
      return;
    }
    try {
      const version = await this.backend.versionAt(shown.summary.id, at);
      if (shown !== this.shown) return;
      if (!version) {
        this.history.showAsOfResult(`No version existed on ${day} (UTC).`, false);
        return;
      }
      this.history.showAsOfResult(`v${version.number} was in force at the end of ${day} (UTC).`, true);
      await this.openVersion(version.number, { keepAsOf: true });
    } catch (error) {
      this.banner.show(toCommandError(error), `The version in force on ${day} could not be found`);
    }
  }

  /** Saves an old version as the new latest, then refreshes everything that shows version numbers. */
  private async restore(version: VersionInfo): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    this.status.textContent = `Restoring ${shown.summary.name} v${version.number}…`;
    let saved: VersionInfo;
    try {
      saved = await this.backend.restoreVersion(shown.summary.id, version.number);
    } catch (error) {
      this.banner.show(toCommandError(error), `Version ${version.number} could not be restored`);
      this.status.textContent = `Version ${version.number} was not restored`;
      return;
    }
    shown.latest = Math.max(shown.latest, saved.number);
    await Promise.all([this.refreshProcessList(), this.loadHistory(), this.openVersion()]);
    if (shown !== this.shown) return;
    this.status.textContent = `Restored v${version.number} as v${saved.number} of ${shown.summary.name}`;
    this.history.focusList();
  }

  private async tag(number: number, tag: string): Promise<boolean> {
    const shown = this.shown;
    if (!shown) return false;
    try {
      await this.backend.tagVersion(shown.summary.id, number, tag);
    } catch (error) {
      this.banner.show(toCommandError(error), `v${number} could not be tagged "${tag}"`);
      return false;
    }
    if (shown === this.shown) this.history.addTag(number, tag);
    return true;
  }

  /** A saved merge is the process's new latest version: show it if that process is open. */
  private async mergeSaved(saved: VersionInfo): Promise<void> {
    await this.refreshProcessList();
    if (this.shown?.summary.id === saved.process) await this.openVersion();
  }

  /** After a sync the open process may have newer versions: show its latest. */
  private async synced(): Promise<void> {
    const before = this.shown?.summary.latest ?? null;
    await this.refreshProcessList();
    const shown = this.shown;
    if (shown && shown.summary.latest !== before && shown.version === shown.latest) await this.openVersion();
  }

  /** The sidebar shows each process's latest number, so it is reread after a save. */
  private async refreshProcessList(): Promise<void> {
    try {
      const overview = await this.backend.libraryOverview();
      this.list.setProcesses(overview.processes);
      const shown = this.shown;
      const summary = shown && overview.processes.find((p) => p.id === shown.summary.id);
      if (shown && summary) shown.summary = summary;
    } catch (error) {
      this.banner.show(toCommandError(error), "The process list could not be refreshed");
    }
  }

  private readonly onShortcut = (event: KeyboardEvent): void => {
    if (this.dialog.isOpen || event.metaKey) return;
    if (event.altKey && this.simulation.isActive && !event.ctrlKey && !isEditable(event.target)) {
      if (event.key === "ArrowLeft") this.simulation.stepBack();
      else if (event.key === "ArrowRight") void this.simulation.stepForward();
      else return;
      event.preventDefault();
      return;
    }
    if (event.altKey) return;
    // Ctrl+R would reload the page; here it starts or ends simulation mode.
    if (event.ctrlKey && !event.shiftKey && event.key.toLowerCase() === "r") {
      event.preventDefault();
      this.toggleSimulation();
      return;
    }
    // Ctrl on every platform: Cmd+H hides the app on macOS.
    if (event.ctrlKey && !event.shiftKey && event.key.toLowerCase() === "h") {
      event.preventDefault();
      this.toggleHistory(true);
    } else if (event.ctrlKey && event.shiftKey && event.code === "KeyM") {
      event.preventDefault();
      this.problems.setOpen(!this.problems.isOpen, true);
    } else if (event.key === "Escape" && !event.ctrlKey && this.compare.isActive && !isEditable(event.target)) {
      event.preventDefault();
      void this.exitCompare();
    }
  };
}

/** Escape in a field or picker belongs to it, not to the app. */
function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("input, select, textarea, form") !== null;
}

async function chooseBackend(): Promise<Backend | null> {
  const shell = shellBackend();
  if (shell) return shell;
  // `npm run dev` in a plain browser gets the sample library; production builds drop this branch.
  if (import.meta.env.DEV) return (await import("./previewLibrary")).previewLibrary();
  return null;
}

async function main(): Promise<void> {
  const backend = await chooseBackend();
  if (!backend) {
    new ErrorBanner(required("error-banner")).show({
      code: "no_shell",
      message: "Flowlane's library can only be opened from the desktop app.",
    });
    return;
  }
  await new App(backend).start();
}

main().catch((error: unknown) => {
  // Last resort: never leave a blank window without saying why.
  const banner = document.getElementById("error-banner");
  if (banner) new ErrorBanner(banner).show(toCommandError(error), "Flowlane could not start");
});
