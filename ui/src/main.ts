import "./styles.css";
import "./history.css";
import "./compare.css";
import "./problems.css";
import "./tamper.css";
import "./simulation.css";
import "./editor.css";
import "./properties.css";
import "./helpOverlay.css";
import "./findBox.css";
import { shellBackend, toCommandError, type Backend, type LibraryOverview, type Problem, type VersionInfo } from "./backend";
import { Canvas, type ElementDecoration } from "./canvas";
import { ExportMenu } from "./export/exportMenu";
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
import { CounterexamplePlayer } from "./problems/counterexamplePlayer";
import { SimulationMode } from "./simulation/simulationMode";
import type { MergeView, Opened } from "./backend";
import { changedElements } from "./editor/applyPatch";
import { EditorDocument } from "./editor/document";
import type { Patch } from "./generated/Patch";
import { Editor } from "./editor/editor";
import { FindBox } from "./editor/findBox";
import { HelpOverlay } from "./editor/helpOverlay";
import { SHORTCUTS } from "./editor/shortcuts";
import { FormDialog } from "./panels/formDialog";
import { LibraryActions } from "./panels/libraryActions";
import { PropertiesPanel } from "./properties/propertiesPanel";
import type { EditState } from "./generated/EditState";
import { BatchDialog } from "./batch/batchDialog";
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
  /** The working copy being edited; null while an older version (read-only) is shown. */
  doc: EditorDocument | null;
}

/** Remembered across runs so the app reopens what was being edited (e.g. after a crash). */
const LAST_PROCESS_KEY = "flowlane.lastProcess";

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
  private readonly form = new FormDialog("form-dialog");
  private readonly libraryActions: LibraryActions;
  private readonly editor: Editor;
  private readonly properties: PropertiesPanel;
  private readonly undoButton = required<HTMLButtonElement>("undo");
  private readonly redoButton = required<HTMLButtonElement>("redo");
  private readonly saveButton = required<HTMLButtonElement>("save-version");
  private readonly draftNote = required("draft-note");
  private processes: ProcessSummary[] = [];
  private readonly history: HistoryPanel;
  private readonly compare: CompareMode;
  private readonly problems: ProblemsPanel;
  private readonly simulation: SimulationMode;
  private readonly counterexample: CounterexamplePlayer;
  private readonly simulateToggle = required<HTMLButtonElement>("simulate-toggle");
  private readonly validation: LiveValidation;
  private readonly tamper = new TamperBanner(required("tamper-banner"));
  private readonly problemSummary = required<HTMLButtonElement>("problem-summary");
  private readonly problemCount = required("problems-count");
  private readonly emptyState = required("empty-state");
  private readonly zoomControls = required("zoom-controls");
  private readonly status = required("status-text");
  private readonly zoomLevel = required<HTMLOutputElement>("zoom-level");
  private readonly exportMenu: ExportMenu;
  private readonly sync: SyncControl;
  private shown: Shown | null = null;
  /** Merges waiting for choices, as the sync panel last showed them. */
  private waitingMerges: readonly MergeView[] = [];
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
        this.editor.clicked(id);
        this.compare.canvasSelected(id);
        this.problems.reveal(id);
        this.simulation.canvasSelected(id);
      },
    });
    this.canvas.mount(this.canvasHost);
    this.editor = new Editor(this.canvas, required("palette"), required("context-pad"), {
      selected: (ids) => this.showProperties(ids),
      status: (message) => (this.status.textContent = message),
      callTarget: () => this.processes.find((p) => p.id !== this.shown?.summary.id && p.latest !== null)?.id ?? null,
      confirm: (title, body, action) => this.dialog.ask({ title, body, confirm: action }),
    });
    this.properties = new PropertiesPanel(required("properties-panel"), {
      execute: (command) => this.editor.run(command),
      checkCondition: (expression) => (this.shown?.doc ? this.backend.checkCondition(this.shown.doc.id, expression) : Promise.resolve(null)),
      processes: () => this.processes.filter((p) => p.latest !== null).map((p) => ({ id: p.id, name: p.name, latest: p.latest })),
    });
    new FindBox(required("find-host"), {
      nodes: () => {
        const process = this.shown?.process;
        if (!process) return [];
        const lanes = new Map(process.lanes.map((l) => [l.id, l.name]));
        return process.nodes.map((n) => ({ id: n.id, name: n.name, lane: lanes.get(n.lane) ?? "" }));
      },
      reveal: (id) => {
        this.editor.select([id]);
        this.canvas.centreOn(id);
      },
    });
    new HelpOverlay(SHORTCUTS);
    this.undoButton.addEventListener("click", () => this.editor.undo());
    this.redoButton.addEventListener("click", () => this.editor.redo());
    this.saveButton.addEventListener("click", () => void this.saveVersion());
    this.libraryActions = new LibraryActions(
      backend,
      this.form,
      this.dialog,
      {
        shown: () => (this.shown ? { summary: this.shown.summary, latest: this.shown.latest } : null),
        processes: () => this.processes,
        refresh: () => this.refreshProcessList(),
        open: (summary) => this.open(summary),
        status: (message) => (this.status.textContent = message),
        failed: (error, message) => this.banner.show(toCommandError(error), message),
      },
      {
        create: required("new-process"),
        importBpmn: required("import-bpmn"),
        duplicate: required<HTMLButtonElement>("duplicate-process"),
        archive: required<HTMLButtonElement>("archive-process"),
      },
    );
    backend.onCloseRequested(() => void this.askToClose());
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
    const exported = () => (this.shown?.version ? { id: this.shown.summary.id, version: this.shown.version, name: this.shown.summary.name } : null);
    this.exportMenu = new ExportMenu(required("simulate-toggle").parentElement!, backend, exported, (message, error) => {
      this.status.textContent = message;
      if (error !== undefined) this.banner.show(toCommandError(error), message);
    });
    const batchOpen = required<HTMLButtonElement>("batch-open");
    new BatchDialog(backend, batchOpen, () => this.shown?.version ? { id: this.shown.summary.id, name: this.shown.summary.name, version: this.shown.version, latest: this.shown.latest } : null);
    const problemsToggle = required<HTMLButtonElement>("problems-toggle");
    this.counterexample = new CounterexamplePlayer(required("counterexample-bar"), this.canvas, () => {
      if (this.shown?.doc) this.editor.open(this.shown.doc, false);
    });
    this.problems = new ProblemsPanel(
      required("problems-panel"),
      problemsToggle,
      (problem) => this.focusElement(problem.element),
      (problem) => this.playCounterexample(problem),
    );
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
    const conflicts = new ConflictView(
      required("sync-panel"),
      backend,
      (_, saved) => void this.mergeSaved(saved),
      report,
      (merges) => this.markConflicts(merges),
      (conflict) => this.focusElement(conflict.anchor),
    );
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
    this.setProcesses(overview.processes);
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
    const last = overview.processes.find((p) => p.id === localStorage.getItem(LAST_PROCESS_KEY));
    if (last) await this.open(last);
  }

  private setProcesses(processes: ProcessSummary[]): void {
    this.processes = processes;
    this.list.setProcesses(processes);
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
    this.shown?.doc?.close();
    this.shown = { summary, latest: summary.latest ?? 0, version: null, process: null, doc: null };
    localStorage.setItem(LAST_PROCESS_KEY, summary.id);
    if (this.history.isOpen) void this.loadHistory();
    await this.openVersion();
  }

  /** Shows version `number` of the shown process, or its latest; older versions are read-only. */
  private async openVersion(number?: number, { keepAsOf = false } = {}): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const ticket = ++this.loadTicket;
    const name = shown.summary.name;
    this.counterexample.stop();
    this.leaveCompare();
    this.leaveSimulation();
    if (!keepAsOf) this.history.clearAsOf();
    this.status.textContent = number === undefined ? `Loading ${name}…` : `Loading ${name} v${number}…`;
    if (number === undefined || (number === shown.latest && shown.doc)) {
      await this.openWorkingCopy(ticket);
      return;
    }
    try {
      const loaded = await this.backend.loadProcess(shown.summary.id, number);
      if (ticket !== this.loadTicket) return;
      const { process, version } = loaded;
      shown.latest = Math.max(shown.latest, number === undefined ? version.number : 0);
      shown.version = version.number;
      shown.process = process;
      this.enableVersionTools(true);
      const readOnly = version.number < shown.latest;
      this.banner.hide();
      this.emptyState.hidden = true;
      this.zoomControls.hidden = false;
      this.header.show(loaded, shown.latest);
      this.canvas.show(process, { number: version.number, readOnly });
      this.editor.open(null, true);
      this.properties.show(process, [], true);
      this.draftNote.hidden = true;
      this.setEditState(null);
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

  /** The process's working copy (its draft, or its latest version) in the editor. */
  private async openWorkingCopy(ticket: number): Promise<void> {
    const shown = this.shown!;
    const name = shown.summary.name;
    let opened: Opened;
    try {
      opened = await this.backend.openEditor(shown.summary.id);
    } catch (error) {
      if (ticket !== this.loadTicket) return;
      this.banner.show(toCommandError(error), `${name} could not be opened`);
      this.status.textContent = `${name} could not be opened`;
      return;
    }
    if (ticket !== this.loadTicket) return;
    shown.doc?.close();
    const doc = new EditorDocument(this.backend, opened, {
      changed: (process, patch) => this.workingCopyChanged(doc, process, patch),
      state: (state) => this.setEditState(state),
      autosaved: (result) => {
        if (result === true) this.status.textContent = `Draft saved ${new Date().toLocaleTimeString()}`;
        else this.banner.show(result, "Your changes could not be saved as a draft; they are still on screen. Free some disk space and keep working, or save a version");
      },
      refused: (error, what) => this.banner.show(error, `${what} was not made`),
    });
    shown.doc = doc;
    shown.process = opened.process;
    shown.version = opened.base_version;
    shown.latest = opened.latest?.number ?? 0;
    this.enableVersionTools(opened.base_version !== null);
    this.banner.hide();
    this.emptyState.hidden = true;
    this.zoomControls.hidden = false;
    this.header.showWorkingCopy(opened.process.info, opened.latest ?? undefined, opened.unsaved);
    this.canvas.show(opened.process, { number: opened.base_version ?? 0, readOnly: false });
    this.canvasHost.classList.remove("read-only");
    this.editor.open(doc, false);
    this.history.markOpened(opened.base_version ?? 0);
    this.setEditState(doc.state);
    this.describeDraft(opened);
    this.status.textContent = `${opened.process.info.name} · ${opened.process.lanes.length} workflows · ${opened.process.nodes.length} steps · ${opened.process.flows.length} flows`;
    this.validation.changed({ id: shown.summary.id, version: null });
    this.markConflicts(this.waitingMerges);
  }

  /** Simulate, what-if and export work on saved versions: off for a process never saved. */
  private enableVersionTools(enabled: boolean): void {
    this.simulateToggle.disabled = !enabled;
    this.exportMenu.setEnabled(enabled);
    required<HTMLButtonElement>("batch-open").disabled = !enabled;
    this.libraryActions.update();
  }

  /** Says when the canvas shows a draft left by an earlier run rather than a saved version. */
  private describeDraft(opened: Opened): void {
    const note = this.draftNote;
    if (opened.recovered_draft) {
      const when = new Date(opened.recovered_draft).toLocaleString();
      note.textContent = opened.base_version === null ? `Draft from ${when}, never saved as a version.` : `Recovered unsaved changes from ${when} (on top of v${opened.base_version}).`;
      note.hidden = false;
      const discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button draft-discard";
      discard.textContent = "Discard draft";
      discard.addEventListener("click", () => void this.discardDraft());
      if (opened.base_version !== null) note.append(" ", discard);
    } else {
      note.hidden = true;
    }
  }

  private workingCopyChanged(doc: EditorDocument, process: Process, patch: Patch): void {
    const shown = this.shown;
    if (!shown || shown.doc !== doc) return;
    shown.process = process;
    this.canvas.show(process, { number: shown.version ?? 0, readOnly: false }, changedElements(patch));
    this.editor.redrawn();
    this.header.showWorkingCopy(process.info, null, doc.state.unsaved);
    this.validation.changed({ id: shown.summary.id, version: null });
  }

  private showProperties(ids: readonly string[]): void {
    const shown = this.shown;
    if (!shown?.process) return;
    required("properties-panel").hidden = false;
    this.libraryActions.update();
    this.properties.show(shown.process, ids, !shown.doc);
    this.problems.reveal(ids[0] ?? null);
  }

  /** Undo/redo buttons, Save version and the window title follow the working copy's state. */
  private setEditState(state: EditState | null): void {
    this.undoButton.disabled = !state?.can_undo;
    this.redoButton.disabled = !state?.can_redo;
    this.saveButton.disabled = !state;
    const name = this.shown?.process?.info.name;
    const title = name ? `${state?.unsaved ? "● " : ""}${name} — Flowlane` : "Flowlane";
    document.title = title;
    document.body.dataset.unsaved = String(!!state?.unsaved);
    void this.backend.setTitle(title).catch(() => undefined);
    if (state && this.shown?.process) this.header.showWorkingCopy(this.shown.process.info, null, state.unsaved);
  }

  /** Ctrl+S: asks for a message (warning about errors, never refusing) and stores a version. */
  private async saveVersion(): Promise<boolean> {
    const shown = this.shown;
    const doc = shown?.doc;
    if (!shown || !doc) return false;
    await doc.flush();
    let errors: string[] = [];
    try {
      errors = (await this.backend.validateDraft(doc.id)).filter((p) => p.severity === "error").map((p) => p.message);
    } catch {
      // Saving does not depend on the check; the problems panel shows why it failed.
    }
    const next = (shown.version ?? 0) + 1;
    const answer = await this.form.ask({
      title: `Save ${doc.process.info.name} as v${next}`,
      body: errors.length > 0 ? `This design has ${errors.length} error${errors.length === 1 ? "" : "s"}. You can save it anyway and fix ${errors.length === 1 ? "it" : "them"} in a later version:` : "Versions are permanent: compliance can see this one on any later date.",
      warnings: errors.slice(0, 6).concat(errors.length > 6 ? [`…and ${errors.length - 6} more (see Problems)`] : []),
      text: { label: "What changed?", placeholder: "e.g. CFO approves invoices over 10,000", required: "A version needs a message saying what changed." },
      buttons: [
        { label: errors.length > 0 ? "Save with errors" : "Save version", value: "save", primary: true },
        { label: "Cancel", value: "cancel" },
      ],
    });
    if (answer.button !== "save") return false;
    try {
      const saved = await this.backend.saveProcessVersion(doc.id, answer.text.trim());
      doc.versionSaved(saved);
      shown.version = saved.version.number;
      shown.latest = saved.version.number;
      this.enableVersionTools(true);
      this.header.showWorkingCopy(doc.process.info, saved.version, false);
      this.draftNote.hidden = true;
      this.status.textContent = `Saved ${doc.process.info.name} v${saved.version.number}`;
      await this.refreshProcessList();
      if (this.history.isOpen) void this.loadHistory();
      return true;
    } catch (error) {
      this.banner.show(toCommandError(error), "The version was not saved");
      return false;
    }
  }

  private async discardDraft(): Promise<void> {
    const shown = this.shown;
    if (!shown?.doc) return;
    const yes = await this.dialog.ask({ title: "Discard the draft?", body: `Your unsaved changes to ${shown.summary.name} are thrown away and v${shown.version} opens again.`, confirm: "Discard changes" });
    if (!yes) return;
    try {
      await this.backend.discardDraft(shown.doc.id);
    } catch (error) {
      this.banner.show(toCommandError(error), "The draft was not discarded");
      return;
    }
    shown.doc.close();
    shown.doc = null;
    await this.refreshProcessList();
    await this.openVersion();
  }

  /** The window is closing with changes not saved as a version: ask, never lose them. */
  private async askToClose(): Promise<void> {
    const names = await this.backend.unsavedProcesses();
    const answer = await this.form.ask({
      title: "Close Flowlane?",
      body: `${names.join(", ")} ${names.length === 1 ? "has" : "have"} changes not saved as a version. They are kept as drafts and reopen next time.`,
      buttons: [
        { label: "Save version…", value: "save", primary: true },
        { label: "Close, keep drafts", value: "close" },
        { label: "Cancel", value: "cancel" },
      ],
    });
    if (answer.button === "cancel") return;
    if (answer.button === "save" && !(await this.saveVersion())) return;
    await this.shown?.doc?.flush();
    await this.backend.quit();
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
      this.editor.open(null, true);
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

  /** Simulation mode on the saved version shown, or back to the normal view. */
  private toggleSimulation(): void {
    const shown = this.shown;
    if (this.simulation.isActive) {
      this.leaveSimulation();
      return;
    }
    if (!shown?.process || shown.version === null) return;
    // A simulation runs a saved version: with unsaved changes on the canvas, that version is loaded.
    const unsaved = shown.doc?.state.unsaved ?? false;
    const version = shown.version;
    const saved = unsaved ? this.backend.loadProcess(shown.summary.id, version).then((l) => l.process) : Promise.resolve(shown.process);
    void saved.then(
      (process) => {
        if (shown !== this.shown || this.simulation.isActive) return;
        this.leaveCompare();
        if (this.history.isOpen) this.history.setOpen(false);
        this.compare.setTab("diagram");
        this.editor.open(null, true);
        // The start form proposes today (UTC); the run's time is whatever the user enters.
        this.simulation.open({ process, version, today: new Date().toISOString().slice(0, 10) });
        this.simulateToggle.setAttribute("aria-pressed", "true");
        const note = unsaved ? " (the saved version: save a version to simulate your changes)" : "";
        this.status.textContent = `Simulating ${process.info.name} v${version}${note}`;
      },
      (error: unknown) => this.banner.show(toCommandError(error), `v${version} could not be loaded for simulation`),
    );
  }

  private leaveSimulation(): void {
    if (!this.simulation.isActive) return;
    this.simulation.close();
    this.simulateToggle.setAttribute("aria-pressed", "false");
    const doc = this.shown?.doc;
    if (doc) {
      this.canvas.show(doc.process, { number: this.shown?.version ?? 0, readOnly: false });
      this.editor.open(doc, false);
    }
  }

  /**
   * While merges wait, the conflicts of the process on the canvas are marked there: each
   * element both sides changed gets a warning badge and a note saying which conflict it is.
   */
  private markConflicts(merges: readonly MergeView[]): void {
    this.waitingMerges = merges;
    const merge = merges.find((m) => m.process === this.shown?.summary.id);
    if (!merge || merge.conflicts.length === 0) {
      this.canvas.setDecorations("conflicts", null);
      return;
    }
    const byElementId: Record<string, ElementDecoration> = {};
    for (const c of merge.conflicts) {
      const before = byElementId[c.anchor]?.note;
      byElementId[c.anchor] = { highlight: "changed", marker: "warning", note: before ? `${before}, ${c.number}` : `conflict ${c.number}` };
    }
    this.canvas.setDecorations("conflicts", { byElementId });
  }

  /** Steps through the run that shows a soundness problem; editing pauses meanwhile. */
  private playCounterexample(problem: Problem): void {
    const process = this.shown?.process;
    if (!process) return;
    this.leaveSimulation();
    this.leaveCompare();
    this.editor.open(null, true);
    this.counterexample.play(process, problem);
    this.status.textContent = `Playing the run behind: ${problem.message}`;
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
    if (!shown || outcome.subject.id !== shown.summary.id) return;
    const working = outcome.subject.version === null;
    if (working !== !!shown.doc || (!working && outcome.subject.version !== shown.version)) return;
    const subject = working ? `${shown.summary.name} (working copy)` : `${shown.summary.name} v${outcome.subject.version}`;
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
      this.setProcesses(overview.processes);
      const shown = this.shown;
      const summary = shown && overview.processes.find((p) => p.id === shown.summary.id);
      if (shown && summary) shown.summary = summary;
    } catch (error) {
      this.banner.show(toCommandError(error), "The process list could not be refreshed");
    }
  }

  /** The editing shortcuts (see editor/shortcuts.ts); true when the key was one of them. */
  private onEditingKey(event: KeyboardEvent): boolean {
    const key = event.key.toLowerCase();
    const ctrl = event.ctrlKey;
    if (ctrl && key === "s" && !event.shiftKey) {
      void this.saveVersion();
      return true;
    }
    // Text fields keep their own undo, copy and paste.
    if (isEditable(event.target) || !this.shown?.doc || this.simulation.isActive || this.compare.isActive) return false;
    if (ctrl && !event.shiftKey && key === "z") this.editor.undo();
    else if (ctrl && ((event.shiftKey && key === "z") || key === "y")) this.editor.redo();
    else if (ctrl && key === "c") this.editor.copySelection();
    else if (ctrl && key === "x") void this.editor.cutSelection();
    else if (ctrl && key === "v") void this.editor.paste();
    else if (ctrl && key === "a") this.editor.selectAll();
    else if (!ctrl && (event.key === "Delete" || event.key === "Backspace")) void this.editor.deleteSelection();
    else if (!ctrl && event.key === "Escape" && this.editor.cancelTool()) return true;
    else return false;
    return true;
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
    // Alt+↑/↓ moves the selected workflow: the keyboard's way to reorder lanes.
    if (event.altKey && !event.ctrlKey && this.shown?.doc && !isEditable(event.target) && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      if (this.editor.moveLane(event.key === "ArrowUp" ? -1 : 1)) event.preventDefault();
      return;
    }
    if (event.altKey) return;
    if (this.form.isOpen) return;
    if (this.onEditingKey(event)) {
      event.preventDefault();
      return;
    }
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
