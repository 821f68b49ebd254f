import type { CommandError } from "./generated/CommandError";
import type { Comparison } from "./generated/Comparison";
import type { Engine } from "./generated/Engine";
import type { ExportFormat } from "./generated/ExportFormat";
import type { LibraryOverview } from "./generated/LibraryOverview";
import type { LoadedVersion } from "./generated/LoadedVersion";
import type { Action } from "./generated/Action";
import type { BatchExport } from "./generated/BatchExport";
import type { BatchOptions } from "./generated/BatchOptions";
import type { BatchProgress } from "./generated/BatchProgress";
import type { BatchRun } from "./generated/BatchRun";
import type { Gaps } from "./generated/Gaps";
import type { Instance } from "./generated/Instance";
import type { LogFormat } from "./generated/LogFormat";
import type { Problem } from "./generated/Problem";
import type { Scenario } from "./generated/Scenario";
import type { ScenarioReplay } from "./generated/ScenarioReplay";
import type { LogCaseReplay } from "./generated/LogCaseReplay";
import type { DiscoverySummary } from "./generated/DiscoverySummary";
import type { Calibration } from "./generated/Calibration";
import type { CalibratedDraft } from "./generated/CalibratedDraft";
import type { ScenarioSummary } from "./generated/ScenarioSummary";
import type { SimulationStep } from "./generated/SimulationStep";
import type { StartedRun } from "./generated/StartedRun";
import type { VerifyReport } from "./generated/VerifyReport";
import type { VersionInfo } from "./generated/VersionInfo";
import type { Command } from "./generated/Command";
import type { Edited } from "./generated/Edited";
import type { EditState } from "./generated/EditState";
import type { Opened } from "./generated/Opened";
import type { SavedVersion } from "./generated/SavedVersion";
import type { PickedBpmn } from "./generated/PickedBpmn";
import type { Layout } from "./generated/Layout";
import type { About } from "./generated/About";
import type { MenuCommand } from "./generated/MenuCommand";
import type { MenuItemId } from "./generated/MenuItemId";
import type { TextEdit } from "./generated/TextEdit";

export type { About, MenuCommand, MenuItemId, TextEdit };
import type { Arrival } from "./generated/Arrival";
import type { FileComparison } from "./generated/FileComparison";

export type { Arrival, Command, Edited, EditState, FileComparison, Opened, PickedBpmn, SavedVersion };
export type { Action, BatchExport, BatchOptions, BatchProgress, BatchRun, Gaps, CommandError, Comparison, Engine, ExportFormat, Instance, LibraryOverview, LoadedVersion, DiscoverySummary, LogCaseReplay, LogFormat, Problem, Scenario, ScenarioReplay, ScenarioSummary, SimulationStep, StartedRun, VerifyReport, VersionInfo };
import type { Conflict } from "./generated/Conflict";
import type { MergeOutcome } from "./generated/MergeOutcome";
import type { MergeView } from "./generated/MergeView";
import type { Dependent } from "./generated/Dependent";
import type { Fate } from "./generated/Fate";
import type { Side } from "./generated/Side";
import type { SyncResult } from "./generated/SyncResult";
import type { SyncState } from "./generated/SyncState";

export type { Conflict, Dependent, Fate, MergeOutcome, MergeView, Side, SyncResult, SyncState };
import type { ChosenColumns } from "./generated/ChosenColumns";
import type { Conformance } from "./generated/Conformance";
import type { ImportedLog } from "./generated/ImportedLog";
import type { ImportProgress } from "./generated/ImportProgress";
import type { LogPreview } from "./generated/LogPreview";
import type { MappingTable } from "./generated/MappingTable";
import type { Performance } from "./generated/Performance";
import type { RealityReport } from "./generated/RealityReport";
import type { ReportFile } from "./generated/ReportFile";
import type { StoredLog } from "./generated/StoredLog";
import type { VersionFit } from "./generated/VersionFit";

export type { Calibration, CalibratedDraft, ChosenColumns, Conformance, ImportedLog, ImportProgress, LogPreview, MappingTable, Performance, RealityReport, ReportFile, StoredLog, VersionFit };

/** A log of a process checked against one of its versions (null: the latest). */
export interface LogSubject {
  id: string;
  version: number | null;
  log: number;
}

/** How a simulation starts: the version (null: latest), declared variables and the UTC start. */
export interface SimulationStart {
  id: string;
  version: number | null;
  data: Record<string, unknown>;
  /** RFC 3339, UTC. */
  start: string;
}

/** A batch simulation: a version (null: latest), optionally another beside it, and the options. */
export interface BatchRequest {
  id: string;
  version: number | null;
  compareWith: number | null;
  /** A parameter file (JSON) to run under; null: the definition's own parameters. */
  parameters: string | null;
  options: BatchOptions;
}

/** Everything the UI asks of the library. One Tauri and one in-memory implementation. */
export interface Backend {
  libraryOverview(): Promise<LibraryOverview>;
  /** A number that moves whenever another process or window writes to the library (never for this window's own writes). */
  libraryStamp(): Promise<number>;
  /** Loads one saved version; without `version` the latest. */
  loadProcess(id: string, version?: number): Promise<LoadedVersion>;
  /** Every saved version of a process, oldest first. */
  processHistory(id: string): Promise<VersionInfo[]>;
  /** The version in force at `at` (RFC 3339, UTC): the last one saved at or before it. */
  versionAt(id: string, at: string): Promise<VersionInfo | null>;
  /** Saves version `number` again as the next version; rejects with `unchanged` if that is what is current. */
  restoreVersion(id: string, number: number): Promise<VersionInfo>;
  /** Tags a version; tagging twice with the same tag changes nothing. */
  tagVersion(id: string, number: number, tag: string): Promise<void>;
  /** Versions `from` and `to` with the semantic and the text diff from the first to the second. */
  compareVersions(id: string, from: number, to: number): Promise<Comparison>;
  /** The tamper check: every stored version against its hash, the hash chain and the audit log. */
  verifyLibrary(): Promise<VerifyReport>;
  /** Validation problems of a saved version (the latest without `version`), errors first. */
  validateProcess(id: string, version?: number): Promise<Problem[]>;
  /** A new run kept by the shell: its id, the first state and what can fire first. */
  simulationStart(start: SimulationStart): Promise<StartedRun>;
  /**
   * Fires an action from `enabled` (optionally with `set`) in the state after `step` actions of
   * `run`; the later states are dropped. Rejects `simulation` with the reason, or
   * `simulation_closed` for a run the shell no longer keeps.
   */
  simulationFire(run: number, step: number, action: Action): Promise<SimulationStep>;
  /** The log of the state after `step` actions of `run`, rendered by the core. */
  simulationLog(run: number, step: number, format: LogFormat): Promise<string>;
  /** Asks where to save that log (a native dialog) and writes it; the path, or null if cancelled. */
  saveSimulationLog(run: number, step: number, format: LogFormat): Promise<string | null>;
  /**
   * Asks where to save (a native dialog) and writes the version as a picture, handbook or BPMN
   * (for `engine` when given); the path, or null if cancelled.
   */
  exportProcess(id: string, version: number, format: ExportFormat, engine?: Engine): Promise<string | null>;
  /** Stores a recorded run; the name must be new. */
  saveScenario(scenario: Scenario): Promise<void>;
  listScenarios(id: string): Promise<ScenarioSummary[]>;
  /** Every state of a recorded run, and where the newest version differs. */
  replayScenario(name: string): Promise<ScenarioReplay>;

  /** Opens a process for editing: its working copy (an earlier draft if one was left). */
  openEditor(id: string): Promise<Opened>;
  /** Carries out one gesture on the working copy; null when it changed nothing. */
  editProcess(id: string, command: Command): Promise<Edited | null>;
  /** Tidy up: the working copy laid out again (only `selection`'s nodes when it names any). */
  arrangeProcess(id: string, selection: string[]): Promise<Layout>;
  /** Undoes the last gesture; null when there is none. */
  undoEdit(id: string): Promise<Edited | null>;
  redoEdit(id: string): Promise<Edited | null>;
  /** Autosave: writes the working copy as the draft if it changed (drops it when the copy is back to its saved version). */
  saveDraft(id: string): Promise<EditState>;
  /** Stores the working copy as the next immutable version. */
  saveProcessVersion(id: string, message: string): Promise<SavedVersion>;
  /** Drops the working copy and its draft; the process reopens at its latest version. */
  discardDraft(id: string): Promise<void>;
  /** Validation problems of the working copy. */
  validateDraft(id: string): Promise<Problem[]>;
  /** Null when the condition parses and type-checks against the working copy's variables. */
  checkCondition(id: string, expression: string): Promise<string | null>;
  /** A new process (blank, or a copy of `template`'s latest version) as a draft; its id. */
  createProcess(name: string, template: string | null): Promise<string>;
  archiveProcess(id: string, archived: boolean): Promise<void>;
  /** Names of processes with changes not saved as a version. */
  unsavedProcesses(): Promise<string[]>;
  /** Asks for a BPMN 2.0 file (native dialog) and reads it: what it holds, or null if cancelled. */
  pickBpmn(): Promise<PickedBpmn | null>;
  /** Stores a picked file as a new process, or as the next version of `into`: the process id. */
  importBpmn(path: string, into: string | null): Promise<string>;
  /** Writes pending drafts and closes the app. */
  quit(): Promise<void>;
  setTitle(title: string): Promise<void>;
  /** Calls `handler` when the window is asked to close while work is unsaved. */
  onCloseRequested(handler: () => void): void;
  /**
   * What a launch handed over (`flowlane-app FILE`, `--compare OLD NEW`, or a second launch):
   * a library now open, a file to import, two definitions to compare, or why a file was not
   * opened. Null when nothing waits; each arrival is handed out once.
   */
  takeArrival(): Promise<Arrival | null>;
  /** Calls `handler` when a second launch handed something over (then `takeArrival` has it). */
  onArrival(handler: () => void): void;
  /** Runs a batch simulation, reporting progress; rejects with `cancelled` after `batchCancel`. */
  batchSimulate(request: BatchRequest, onProgress: (progress: BatchProgress) => void): Promise<BatchRun>;
  /** What a what-if run of a version lacks (under `parameters`, a file) and the defaults that fill it. */
  batchGaps(id: string, version: number | null, parameters: string | null): Promise<Gaps>;
  /** Asks for a what-if parameter file; its path, or null when cancelled. */
  pickParameterFile(): Promise<string | null>;
  /** Stops the running batch simulation. */
  batchCancel(): Promise<void>;
  /** Asks where to save the run (CSV: the steps of the first run; JSON: all of it); null if cancelled. */
  saveBatchResult(run: BatchRun, format: BatchExport): Promise<string | null>;
  /** Asks for an event log file (CSV, XES, .xes.gz); its path, or null when cancelled. */
  pickLog(): Promise<string | null>;
  /** A CSV's header, the columns that would be read and its first rows, or an XES log's figures. */
  previewLog(path: string, columns: ChosenColumns): Promise<LogPreview>;
  /** Reads the log whole (progress as it goes) and stores it with process `id`; rejects with `cancelled` after `cancelLogImport`, storing nothing. */
  importLog(id: string, path: string, columns: ChosenColumns, onProgress: (progress: ImportProgress) => void): Promise<ImportedLog>;
  cancelLogImport(): Promise<void>;
  /** The logs stored with process `id`, oldest first. */
  processLogs(id: string): Promise<StoredLog[]>;
  logConformance(subject: LogSubject): Promise<Conformance>;
  /** Case `caseId` of the stored log as a run of the step simulator, and where it leaves the design. */
  replayLogCase(subject: LogSubject, caseId: string): Promise<LogCaseReplay>;
  /** Drafts the process the stored log shows (inductive miner, `noise` 0–1) as a new process, opened for editing. */
  discoverStoredLog(id: string, log: number, noise: number): Promise<DiscoverySummary>;
  /** The log against every version of the process: "v1 fits 0.91, v2 fits 0.97". */
  logFitByVersion(id: string, log: number): Promise<VersionFit[]>;
  /** Which activity of the log is which step of the version, and how each was matched. */
  logMapping(subject: LogSubject): Promise<MappingTable>;
  /** Saves activity → step (null: no step) for process `id`, replacing what was saved. */
  saveLogMapping(id: string, mapping: Record<string, string | null>): Promise<void>;
  logPerformance(subject: LogSubject): Promise<Performance>;
  /** Fits the what-if to the log and runs it against the log's cycle times; `batchCancel` stops it. */
  logCalibration(subject: LogSubject, onProgress: (progress: BatchProgress) => void): Promise<Calibration>;
  /** Stores the version with the fitted parameters as a new process's draft, opened for editing. */
  draftCalibratedCopy(subject: LogSubject): Promise<CalibratedDraft>;
  /** Asks where to save a conformance or performance report as CSV or JSON and writes it; null if cancelled. */
  saveRealityReport(subject: LogSubject, report: RealityReport, format: ReportFile): Promise<string | null>;
  /** Whether the library is linked to a shared git repository, and the merges that wait. */
  syncState(): Promise<SyncState>;
  /** Links the library to a shared git repository (a path or URL git can reach; may be empty). */
  linkRemote(url: string): Promise<SyncState>;
  /** Pull, then push: others' versions come in, local ones go out, concurrent edits start merges. */
  syncNow(): Promise<SyncResult>;
  /**
   * Takes a side per conflict (by number), and for a taken deletion what becomes of what it takes
   * along (`fates`: kept in a lane, or deleted once confirmed); saves the merge as a version once
   * each conflict has a choice.
   */
  resolveMerge(id: string, choices: [number, Side][], fates?: [number, Fate][]): Promise<MergeOutcome>;

  /** Asks for a library file to open (native dialog); null if cancelled. */
  pickLibrary(): Promise<string | null>;
  /** Asks where to create a new library (native dialog); null if cancelled. */
  pickNewLibrary(): Promise<string | null>;
  /**
   * Closes the library (working copies are kept as drafts in it) and opens the one at `path`, or
   * with `create` a new one seeded with the samples. Rejects, changing nothing, when it cannot be opened.
   */
  switchLibrary(path: string, create: boolean): Promise<void>;
  /** Version, commit, library format, data folder and library path, for Help ▸ About. */
  about(): Promise<About>;
  /** Calls `handler` with each choice made in the native menu bar. */
  onMenu(handler: (command: MenuCommand) => void): void;
  /** Disables the menu items `disabled` (and File ▸ Export unless `exportEnabled`), enables the rest. */
  setMenuState(disabled: MenuItemId[], exportEnabled: boolean): Promise<void>;
  /** Gives menu items their accelerators (e.g. `CmdOrCtrl+Z`), taken from the shortcut table. */
  setMenuShortcuts(shortcuts: [MenuItemId, string][]): Promise<void>;
  /** Undo, redo, cut, copy or paste in the focused text field, when a menu accelerator took the key. */
  textEdit(edit: TextEdit): Promise<void>;
}

type Invoke = (command: string, args?: Record<string, unknown>) => Promise<unknown>;
/** Tauri's IPC channel: the shell pushes messages to `onmessage` while a command runs. */
interface ProgressChannel {
  onmessage: (message: unknown) => void;
}

declare global {
  interface Window {
    __TAURI__?: {
      core: { invoke: Invoke; Channel?: new () => ProgressChannel };
      event?: { listen(event: string, handler: (event: { payload: unknown }) => void): Promise<unknown> };
    };
  }
}

export class TauriBackend implements Backend {
  constructor(private readonly invoke: Invoke) {}

  libraryOverview(): Promise<LibraryOverview> {
    return this.call("library_overview") as Promise<LibraryOverview>;
  }

  libraryStamp(): Promise<number> {
    return this.call("library_stamp") as Promise<number>;
  }

  loadProcess(id: string, version?: number): Promise<LoadedVersion> {
    return this.call("load_process", { id, version: version ?? null }) as Promise<LoadedVersion>;
  }

  processHistory(id: string): Promise<VersionInfo[]> {
    return this.call("process_history", { id }) as Promise<VersionInfo[]>;
  }

  versionAt(id: string, at: string): Promise<VersionInfo | null> {
    return this.call("version_at", { id, at }) as Promise<VersionInfo | null>;
  }

  restoreVersion(id: string, number: number): Promise<VersionInfo> {
    return this.call("restore_version", { id, number }) as Promise<VersionInfo>;
  }

  async tagVersion(id: string, number: number, tag: string): Promise<void> {
    await this.call("tag_version", { id, number, tag });
  }

  compareVersions(id: string, from: number, to: number): Promise<Comparison> {
    return this.call("compare_versions", { id, from, to }) as Promise<Comparison>;
  }

  verifyLibrary(): Promise<VerifyReport> {
    return this.call("verify_library", {}) as Promise<VerifyReport>;
  }

  validateProcess(id: string, version?: number): Promise<Problem[]> {
    return this.call("validate_process", { id, version: version ?? null }) as Promise<Problem[]>;
  }

  simulationStart(start: SimulationStart): Promise<StartedRun> {
    return this.call("simulation_start", { ...start }) as Promise<StartedRun>;
  }

  simulationFire(run: number, step: number, action: Action): Promise<SimulationStep> {
    return this.call("simulation_fire", { run, step, action }) as Promise<SimulationStep>;
  }

  simulationLog(run: number, step: number, format: LogFormat): Promise<string> {
    return this.call("simulation_log", { run, step, format }) as Promise<string>;
  }

  saveSimulationLog(run: number, step: number, format: LogFormat): Promise<string | null> {
    return this.call("save_simulation_log", { run, step, format }) as Promise<string | null>;
  }

  exportProcess(id: string, version: number, format: ExportFormat, engine?: Engine): Promise<string | null> {
    const args = engine ? { id, version, format, engine } : { id, version, format };
    return this.call("export_process", args) as Promise<string | null>;
  }

  async saveScenario(scenario: Scenario): Promise<void> {
    await this.call("save_scenario", { scenario });
  }

  listScenarios(id: string): Promise<ScenarioSummary[]> {
    return this.call("list_scenarios", { id }) as Promise<ScenarioSummary[]>;
  }

  replayScenario(name: string): Promise<ScenarioReplay> {
    return this.call("replay_scenario", { name }) as Promise<ScenarioReplay>;
  }

  openEditor(id: string): Promise<Opened> {
    return this.call("open_editor", { id }) as Promise<Opened>;
  }

  editProcess(id: string, command: Command): Promise<Edited | null> {
    return this.call("edit_process", { id, command }) as Promise<Edited | null>;
  }

  arrangeProcess(id: string, selection: string[]): Promise<Layout> {
    return this.call("arrange_process", { id, selection }) as Promise<Layout>;
  }

  undoEdit(id: string): Promise<Edited | null> {
    return this.call("undo_edit", { id }) as Promise<Edited | null>;
  }

  redoEdit(id: string): Promise<Edited | null> {
    return this.call("redo_edit", { id }) as Promise<Edited | null>;
  }

  saveDraft(id: string): Promise<EditState> {
    return this.call("save_draft", { id }) as Promise<EditState>;
  }

  saveProcessVersion(id: string, message: string): Promise<SavedVersion> {
    return this.call("save_process_version", { id, message }) as Promise<SavedVersion>;
  }

  async discardDraft(id: string): Promise<void> {
    await this.call("discard_draft", { id });
  }

  validateDraft(id: string): Promise<Problem[]> {
    return this.call("validate_draft", { id }) as Promise<Problem[]>;
  }

  checkCondition(id: string, expression: string): Promise<string | null> {
    return this.call("check_condition", { id, expression }) as Promise<string | null>;
  }

  createProcess(name: string, template: string | null): Promise<string> {
    return this.call("create_process", { name, template }) as Promise<string>;
  }

  async archiveProcess(id: string, archived: boolean): Promise<void> {
    await this.call("archive_process", { id, archived });
  }

  unsavedProcesses(): Promise<string[]> {
    return this.call("unsaved_processes") as Promise<string[]>;
  }

  pickBpmn(): Promise<PickedBpmn | null> {
    return this.call("pick_bpmn") as Promise<PickedBpmn | null>;
  }

  importBpmn(path: string, into: string | null): Promise<string> {
    return this.call("import_bpmn", { path, into }) as Promise<string>;
  }

  async quit(): Promise<void> {
    await this.call("quit");
  }

  async setTitle(title: string): Promise<void> {
    await this.call("set_title", { title });
  }

  onCloseRequested(handler: () => void): void {
    void window.__TAURI__?.event?.listen("close-requested", handler);
  }

  takeArrival(): Promise<Arrival | null> {
    return this.call("take_arrival") as Promise<Arrival | null>;
  }

  onArrival(handler: () => void): void {
    void window.__TAURI__?.event?.listen("arrived", handler);
  }

  batchSimulate(request: BatchRequest, onProgress: (progress: BatchProgress) => void): Promise<BatchRun> {
    return this.withProgress("batch_simulate", { ...request }, onProgress) as Promise<BatchRun>;
  }

  /** Calls `command` with a channel its progress reports arrive on. */
  private withProgress<P>(command: string, args: Record<string, unknown>, onProgress: (progress: P) => void): Promise<unknown> {
    const Channel = window.__TAURI__?.core?.Channel;
    if (!Channel) return Promise.reject({ code: "progress", message: "this shell cannot report progress" } satisfies CommandError);
    const channel = new Channel();
    channel.onmessage = (message) => onProgress(message as P);
    return this.call(command, { ...args, onProgress: channel });
  }

  async batchCancel(): Promise<void> {
    await this.call("batch_cancel", {});
  }

  batchGaps(id: string, version: number | null, parameters: string | null): Promise<Gaps> {
    return this.call("batch_gaps", { id, version, parameters }) as Promise<Gaps>;
  }

  pickParameterFile(): Promise<string | null> {
    return this.call("pick_parameter_file") as Promise<string | null>;
  }

  saveBatchResult(run: BatchRun, format: BatchExport): Promise<string | null> {
    return this.call("save_batch_result", { run, format }) as Promise<string | null>;
  }

  pickLog(): Promise<string | null> {
    return this.call("pick_log") as Promise<string | null>;
  }

  previewLog(path: string, columns: ChosenColumns): Promise<LogPreview> {
    return this.call("preview_log", { path, columns }) as Promise<LogPreview>;
  }

  importLog(id: string, path: string, columns: ChosenColumns, onProgress: (progress: ImportProgress) => void): Promise<ImportedLog> {
    return this.withProgress("import_log", { id, path, columns }, onProgress) as Promise<ImportedLog>;
  }

  async cancelLogImport(): Promise<void> {
    await this.call("cancel_log_import", {});
  }

  processLogs(id: string): Promise<StoredLog[]> {
    return this.call("process_logs", { id }) as Promise<StoredLog[]>;
  }

  logConformance(subject: LogSubject): Promise<Conformance> {
    return this.call("log_conformance", { ...subject }) as Promise<Conformance>;
  }

  replayLogCase(subject: LogSubject, caseId: string): Promise<LogCaseReplay> {
    return this.call("replay_log_case", { ...subject, case: caseId }) as Promise<LogCaseReplay>;
  }

  discoverStoredLog(id: string, log: number, noise: number): Promise<DiscoverySummary> {
    return this.call("discover_stored_log", { id, log, noise }) as Promise<DiscoverySummary>;
  }

  logFitByVersion(id: string, log: number): Promise<VersionFit[]> {
    return this.call("log_fit_by_version", { id, log }) as Promise<VersionFit[]>;
  }

  logMapping(subject: LogSubject): Promise<MappingTable> {
    return this.call("log_mapping", { ...subject }) as Promise<MappingTable>;
  }

  async saveLogMapping(id: string, mapping: Record<string, string | null>): Promise<void> {
    await this.call("save_log_mapping", { id, mapping });
  }

  logPerformance(subject: LogSubject): Promise<Performance> {
    return this.call("log_performance", { ...subject }) as Promise<Performance>;
  }

  logCalibration(subject: LogSubject, onProgress: (progress: BatchProgress) => void): Promise<Calibration> {
    return this.withProgress("log_calibration", { ...subject }, onProgress) as Promise<Calibration>;
  }

  draftCalibratedCopy(subject: LogSubject): Promise<CalibratedDraft> {
    return this.call("draft_calibrated_copy", { ...subject }) as Promise<CalibratedDraft>;
  }

  saveRealityReport(subject: LogSubject, report: RealityReport, format: ReportFile): Promise<string | null> {
    return this.call("save_reality_report", { ...subject, report, format }) as Promise<string | null>;
  }

  syncState(): Promise<SyncState> {
    return this.call("sync_state", {}) as Promise<SyncState>;
  }

  linkRemote(url: string): Promise<SyncState> {
    return this.call("link_remote", { url }) as Promise<SyncState>;
  }

  syncNow(): Promise<SyncResult> {
    return this.call("sync_now", {}) as Promise<SyncResult>;
  }

  resolveMerge(id: string, choices: [number, Side][], fates: [number, Fate][] = []): Promise<MergeOutcome> {
    return this.call("resolve_merge", { id, choices, fates }) as Promise<MergeOutcome>;
  }

  pickLibrary(): Promise<string | null> {
    return this.call("pick_library") as Promise<string | null>;
  }

  pickNewLibrary(): Promise<string | null> {
    return this.call("pick_new_library") as Promise<string | null>;
  }

  async switchLibrary(path: string, create: boolean): Promise<void> {
    await this.call("switch_library", { path, create });
  }

  about(): Promise<About> {
    return this.call("about") as Promise<About>;
  }

  onMenu(handler: (command: MenuCommand) => void): void {
    void window.__TAURI__?.event?.listen("menu", (event) => handler(event.payload as MenuCommand));
  }

  async setMenuState(disabled: MenuItemId[], exportEnabled: boolean): Promise<void> {
    await this.call("set_menu_state", { disabled, export: exportEnabled });
  }

  async setMenuShortcuts(shortcuts: [MenuItemId, string][]): Promise<void> {
    await this.call("set_menu_shortcuts", { shortcuts });
  }

  async textEdit(edit: TextEdit): Promise<void> {
    await this.call("text_edit", { edit });
  }

  private async call(command: string, args?: Record<string, unknown>): Promise<unknown> {
    try {
      return await this.invoke(command, args);
    } catch (error) {
      throw toCommandError(error);
    }
  }
}

/** The Tauri backend when running inside the shell, otherwise none. */
export function shellBackend(): Backend | null {
  const invoke = window.__TAURI__?.core?.invoke;
  return invoke ? new TauriBackend(invoke) : null;
}

/** Commands reject with `{code, message}`, but IPC failures (unknown command, panics) reject with a bare string. */
export function toCommandError(error: unknown): CommandError {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as Partial<CommandError>;
    if (typeof message === "string") {
      return { code: typeof code === "string" ? code : "unknown", message };
    }
    if (error instanceof Error) return { code: "unknown", message: error.message };
  }
  if (typeof error === "string") return { code: "unknown", message: error };
  return { code: "unknown", message: String(error) };
}
