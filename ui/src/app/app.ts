import type { Backend, LibraryOverview } from "../backend";
import { labelOf } from "../names";
import { BatchDialog } from "../batch/batchDialog";
import { Canvas } from "../canvas";
import { CompareMode } from "../compare/compareMode";
import { Editor } from "../editor/editor";
import { FindBox } from "../editor/findBox";
import { HelpOverlay } from "../editor/helpOverlay";
import { ExportMenu } from "../export/exportMenu";
import { ConfirmDialog } from "../panels/confirmDialog";
import { ErrorBanner } from "../panels/errorBanner";
import { FormDialog } from "../panels/formDialog";
import { HistoryPanel } from "../panels/historyPanel";
import { LibraryActions } from "../panels/libraryActions";
import { ProcessHeader } from "../panels/processHeader";
import { ProcessList } from "../panels/processList";
import { TamperBanner } from "../panels/tamperBanner";
import { CounterexamplePlayer } from "../problems/counterexamplePlayer";
import { LiveValidation } from "../problems/liveValidation";
import { ProblemsPanel } from "../problems/problemsPanel";
import { PropertiesPanel } from "../properties/propertiesPanel";
import { PanelFolding } from "../panels/panelFolding";
import { Minimap } from "../canvas/minimap";
import { SimulationMode } from "../simulation/simulationMode";
import { ConflictView } from "../sync/conflictView";
import { buildLinkForm, SyncControl } from "../sync/syncControl";
import { bindKeys, keyActions } from "./bindKeys";
import { Arrivals } from "./arrivals";
import { helpEntries } from "./keymap";
import { LayeredModes } from "./layeredModes";
import { LibrarySwitch } from "./librarySwitch";
import { LibraryWatch } from "./libraryWatch";
import { MenuBar } from "./menuBar";
import { AppModes, enterMerge, leaveCounterexample, leaveReality } from "./mode";
import { RealityPanel } from "../reality/realityPanel";
import { markConflicts, reactToModes } from "./modeReactions";
import { fail, say, type Parts } from "./parts";
import { showProblems } from "./problemReport";
import { findScreen, type Screen } from "./screen";
import { VersionActions } from "./versionActions";
import { Workspace } from "./workspace";

/**
 * The window: builds every component on the page and connects them. The app state is the one
 * `AppModes` (what the window is doing) plus the `Workspace` (which process is shown); panels
 * react to the first and read the second.
 */
export class App {
  private readonly parts: Parts;
  private readonly workspace: Workspace;
  private readonly versions: VersionActions;
  private readonly layered: LayeredModes;
  private readonly sync: SyncControl;
  private readonly tamper: TamperBanner;
  private readonly watch: LibraryWatch;
  private readonly menuBar: MenuBar;
  private readonly arrivals: Arrivals;

  constructor(backend: Backend, screen: Screen = findScreen()) {
    const banner = new ErrorBanner(screen.errorBanner);
    /** A message for the status bar; with an error, also the banner. */
    const report = (message: string, error?: unknown) => {
      say({ screen }, message);
      if (error !== undefined) fail({ banner }, error, message);
    };
    const dialog = new ConfirmDialog("confirm-dialog");
    const form = new FormDialog("form-dialog");
    const modes = new AppModes();
    const canvas = new Canvas({
      id: "diagram",
      onViewChange: (zoom) => (screen.zoomLevel.value = `${Math.round(zoom * 100)}%`),
      onSelect: (id) => {
        editor.clicked(id);
        compare.canvasSelected(id);
        problems.reveal(id);
        simulation.canvasSelected(id);
        reality.canvasSelected(id);
      },
    });
    canvas.mount(screen.canvasStage);
    new Minimap(screen.minimapHost, canvas);
    const folding = new PanelFolding(screen.librarySidebar.parentElement ?? document.body, screen.sidebarToggle, screen.propertiesPanel, screen.propertiesToggle);
    const editor = new Editor(canvas, screen.palette, screen.contextPad, {
      selected: (ids) => this.workspace.showProperties(ids),
      status: (message) => say({ screen }, message, true),
      callTarget: () => this.workspace.processes.find((p) => p.id !== this.workspace.shown?.summary.id && p.latest !== null)?.id ?? null,
      confirm: (title, body, action) => dialog.ask({ title, body, confirm: action }),
    });
    const properties = new PropertiesPanel(screen.propertiesPanel, {
      execute: (command) => editor.run(command),
      checkCondition: (expression) => {
        const doc = this.workspace.shown?.doc;
        return doc ? backend.checkCondition(doc.id, expression) : Promise.resolve(null);
      },
      processes: () => this.workspace.processes.filter((p) => p.latest !== null).map((p) => ({ id: p.id, name: p.name, latest: p.latest })),
    });
    const findBox = new FindBox(
      screen.findHost,
      {
        nodes: () => {
          const shown = this.workspace.shown;
          if (!shown?.process) return [];
          // By the core's labels: an unnamed gateway is found as "join before 'Pay invoice'".
          return shown.process.nodes.map((n) => ({ id: n.id, name: labelOf(shown.names, n.id), lane: labelOf(shown.names, n.lane) }));
        },
        reveal: (id) => {
          editor.select([id]);
          canvas.centreOn(id);
        },
      },
      null,
    );
    const help = new HelpOverlay(helpEntries(), null);
    const libraryActions = new LibraryActions(
      backend,
      form,
      dialog,
      {
        shown: () => {
          const shown = this.workspace.shown;
          return shown ? { summary: shown.summary, latest: shown.latest } : null;
        },
        processes: () => this.workspace.processes,
        refresh: () => this.workspace.refreshProcessList(),
        open: async (summary, blank) => {
          await this.workspace.open(summary);
          if (blank && editor.document?.id === summary.id) editor.welcome();
        },
        status: (message) => say({ screen }, message),
        failed: (error, message) => fail({ banner }, error, message),
      },
      { create: screen.newProcess, importBpmn: screen.importBpmn, duplicate: screen.duplicateProcess, archive: screen.archiveProcess },
    );
    const compare = new CompareMode(
      canvas,
      { bar: screen.compareBar, changeList: screen.changeList, textDiff: screen.textDiff, canvasHost: screen.canvasHost },
      () => void this.layered.exitCompare(),
    );
    const simulation = new SimulationMode(backend, canvas, screen.simulationPanel, screen.simLog, report, () => this.layered.toggleSimulation());
    const savedVersion = () => {
      const shown = this.workspace.shown;
      return shown?.version ? { shown, version: shown.version } : null;
    };
    const exportMenu = new ExportMenu(screen.simulateToggle.parentElement!, backend, () => {
      const saved = savedVersion();
      return saved ? { id: saved.shown.summary.id, version: saved.version, name: saved.shown.summary.name } : null;
    }, report);
    const batch = new BatchDialog(backend, screen.batchOpen, () => {
      const saved = savedVersion();
      return saved ? { id: saved.shown.summary.id, name: saved.shown.summary.name, version: saved.version, latest: saved.shown.latest } : null;
    });
    const reality = new RealityPanel(backend, canvas, screen.realityPanel, {
      exit: () => modes.go(leaveReality),
      failed: (error, message) => fail({ banner }, error, message),
      status: (message) => say({ screen }, message),
      replayCase: (c) => void this.layered.replayLogCase(c),
      drafted: (id, name) => void this.layered.openDrafted(id, name),
    });
    const counterexample = new CounterexamplePlayer(screen.counterexampleBar, canvas, () => modes.go(leaveCounterexample));
    const problems = new ProblemsPanel(
      screen.problemsPanel,
      screen.problemsToggle,
      (problem) => this.focusElement(problem.element),
      (problem) => this.layered.playCounterexample(problem),
    );
    const validation = new LiveValidation(backend, (outcome) => showProblems(this.parts, this.workspace.shown, outcome));
    const filter = { input: screen.processFilter, note: screen.processFilterNote };
    const list = new ProcessList(screen.processList, filter, (summary) => void this.workspace.open(summary));
    const history = new HistoryPanel(screen.historyPanel, screen.historyToggle, dialog, {
      open: (number) => void this.workspace.openVersion(number),
      asOf: (day) => void this.versions.showAsOf(day),
      restore: (version) => void this.versions.restore(version),
      tag: (number, tag) => this.versions.tag(number, tag),
      compare: (from, to) => void this.layered.compareVersions(from, to),
    });
    const header = new ProcessHeader(screen.processHeader, () => void this.workspace.openVersion());
    this.tamper = new TamperBanner(screen.tamperBanner);

    this.parts = { backend, screen, modes, canvas, editor, properties, header, banner, dialog, form, list, libraryActions, history, compare, simulation, counterexample, problems, validation, exportMenu, batch, reality, findBox, help, folding };
    this.workspace = new Workspace(this.parts, {
      discardDraft: () => void this.versions.discardDraft(),
      workingCopyShown: () => markConflicts(this.parts, modes.state.merges, this.workspace.shown),
      historyStale: () => void this.versions.loadHistory(),
      compare: (from, to) => void this.layered.compareVersions(from, to),
    });
    this.versions = new VersionActions(this.parts, this.workspace);
    this.layered = new LayeredModes(this.parts, this.workspace, () => void this.versions.loadHistory());
    reactToModes(this.parts, () => this.workspace.shown);
    this.watch = new LibraryWatch(() => backend.libraryStamp(), () => this.versions.changedElsewhere());

    screen.undo.addEventListener("click", () => editor.undo());
    screen.redo.addEventListener("click", () => editor.redo());
    screen.saveVersion.addEventListener("click", () => void this.versions.saveVersion());
    screen.simulateToggle.addEventListener("click", () => this.layered.toggleSimulation());
    screen.realityOpen.addEventListener("click", () => this.layered.toggleReality());
    screen.problemsToggle.addEventListener("click", () => problems.setOpen(!problems.isOpen));
    screen.problemSummary.addEventListener("click", () => problems.setOpen(!problems.isOpen, true));
    screen.historyToggle.addEventListener("click", () => this.versions.toggleHistory(false));
    screen.zoomIn.addEventListener("click", () => canvas.zoomBy(1.25));
    screen.zoomOut.addEventListener("click", () => canvas.zoomBy(0.8));
    screen.zoomFit.addEventListener("click", () => canvas.fit());
    backend.onCloseRequested(() => void this.versions.askToClose());
    // After the what-if dialog, which holds the keys back while it is open.
    bindKeys(this.parts, this.workspace, this.versions, this.layered).listen(document);
    const libraries = new LibrarySwitch(this.parts, this.workspace);
    this.menuBar = new MenuBar(this.parts, this.workspace, this.versions, libraries, keyActions(this.parts, this.versions, this.layered));

    const errorReport = (message: string, error: unknown) => fail({ banner }, error, message);
    const conflicts = new ConflictView(
      screen.syncPanel,
      backend,
      (_, saved) => void this.versions.mergeSaved(saved),
      errorReport,
      (merges) => modes.go((state) => enterMerge(state, merges)),
      (conflict) => this.focusElement(conflict.anchor),
    );
    buildLinkForm(screen.syncLinkForm);
    this.arrivals = new Arrivals(backend, {
      importFile: (picked) => libraryActions.importHandedOver(picked),
      compareFiles: (comparison) => this.layered.compareFiles(comparison),
      libraryOpened: (path, atStart) => {
        // The shell already works on the other library: the window starts again on it.
        if (!atStart) window.location.reload();
        else say({ screen }, `Opened ${path}`);
      },
      refused: (message) => banner.show({ code: "launch", message }),
    });
    this.sync = new SyncControl(screen.syncButton, screen.syncResult, screen.syncLinkForm, backend, (merges) => conflicts.show(merges), () => void this.versions.synced(), errorReport);
  }

  async start(): Promise<void> {
    const { parts, workspace } = this;
    const { screen } = parts;
    say(parts, "Opening library…");
    let overview: LibraryOverview;
    try {
      overview = await parts.backend.libraryOverview();
    } catch (error) {
      say(parts, "The library could not be opened");
      fail(parts, error, "The library could not be opened");
      this.describeEmptyState("No library", "Flowlane could not open the library; see the message above.");
      // Two files can still be compared; a message about the file named says why it was not opened.
      await this.arrivals.start();
      return;
    }
    workspace.setProcesses(overview.processes);
    workspace.setReadOnly(overview.read_only);
    this.menuBar.update();
    // The path is cut at its start (CSS direction: rtl); the marks keep its slashes in place.
    screen.libraryPath.textContent = `\u200e${overview.path}\u200e`;
    screen.libraryPath.title = overview.path;
    screen.libraryNote.hidden = overview.processes.length > 0;
    screen.libraryNote.textContent = overview.created ? "A new, empty library was created." : "This library has no processes yet.";
    if (overview.processes.length === 0) this.describeEmptyState("No processes yet", "This library is empty.");
    const count = overview.processes.length;
    say(parts, `${count} ${count === 1 ? "process" : "processes"} in the library`);
    void this.verifyLibrary();
    void this.sync.start();
    this.watch.start();
    const last = workspace.lastOpened();
    if (last) await workspace.open(last);
    await this.arrivals.start();
  }

  /** The tamper check runs once at start-up; findings stay on screen in their own banner. */
  private async verifyLibrary(): Promise<void> {
    try {
      this.tamper.show(await this.parts.backend.verifyLibrary());
    } catch (error) {
      fail(this.parts, error, "The library's integrity could not be checked");
    }
  }

  private describeEmptyState(title: string, hint: string): void {
    const { emptyState } = this.parts.screen;
    emptyState.querySelector(".empty-title")!.textContent = title;
    emptyState.querySelector(".empty-hint")!.textContent = hint;
  }

  /**
   * Selects and centres an element chosen in a list (none for a process-wide problem), as a
   * click on it would: the properties panel shows it and the context pad is offered.
   */
  private focusElement(id: string | null): void {
    const { compare, canvas, editor } = this.parts;
    compare.setTab("diagram");
    if (id !== null) canvas.centreOn(id);
    editor.select(id === null ? [] : [id]);
  }
}
