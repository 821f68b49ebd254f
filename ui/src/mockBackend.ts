import type {
  Arrival,
  Edited,
  EditState,
  Opened,
  SavedVersion,
  PickedBpmn,
  Action,
  Backend,
  BatchExport,
  BatchProgress,
  BatchRequest,
  BatchRun,
  Gaps,
  Fate,
  MergeOutcome,
  MergeView,
  Side,
  SyncResult,
  SyncState,
  CommandError,
  Comparison,
  Engine,
  ExportFormat,
  LibraryOverview,
  LoadedVersion,
  LogFormat,
  Problem,
  Scenario,
  ScenarioReplay,
  ScenarioSummary,
  SimulationStart,
  SimulationStep,
  StartedRun,
  VerifyReport,
  VersionInfo,
  About,
  MenuCommand,
  MenuItemId,
  TextEdit,
} from "./backend";
import type { Layout } from "./generated/Layout";
import type { Process } from "./generated/Process";
import type { ProcessSummary } from "./generated/ProcessSummary";
import type { Names } from "./names";
import { RecordedRuns } from "./recordedRuns";

import type { BatchRunFixture, ComparisonFixture, MockLibraryOptions, MockSync } from "./mockOptions";
import { MockReality } from "./mockReality";
import type { Calibration, CalibratedDraft, ChosenColumns, Conformance, DiscoverySummary, LogCaseReplay, ImportedLog, ImportProgress, LogPreview, LogSubject, MappingTable, Performance, RealityReport, ReportFile, StoredLog, VersionFit } from "./backend";

export type { BatchRunFixture, ComparisonFixture, MockLibraryOptions, MockSync };

/**
 * An in-memory library for tests and the browser preview, with the store's semantics: versions
 * are append-only, a restore saves the old definition as the next version, tags persist and are
 * sorted, and `versionAt` picks the last version saved at or before the instant. Processes that
 * share an id become successive versions of that process, in the order given.
 */
export class MockBackend implements Backend {
  private readonly versions = new Map<string, LoadedVersion[]>();
  private readonly path: string;
  private readonly author: string;
  private readonly clock: (() => string) | undefined;
  private readonly drafts: Set<string>;
  private readonly failure: CommandError | undefined;
  private readonly comparisons: ComparisonFixture[];
  private readonly problems: Record<string, Problem[]>;
  private readonly verifyReport: VerifyReport | undefined;
  private readonly recorded: RecordedRuns;
  private readonly batchRuns: BatchRunFixture[];
  private batchCancelled = false;
  private readonly syncing: MockSync | undefined;
  private readonly names: Record<string, Names>;
  private remote: string | null;
  private waiting: MergeView[] = [];
  /** Moves only through `savedElsewhere` (another writer), never for this backend's own saves. */
  private stamp = 0;
  private menuHandler: ((command: MenuCommand) => void) | null = null;
  /** What the menu bar was last told: the disabled items, whether Export is on, the accelerators, text edits asked for. */
  readonly menu = { disabled: [] as MenuItemId[], exportEnabled: false, shortcuts: [] as [MenuItemId, string][], textEdits: [] as TextEdit[] };
  private arrival: Arrival | null;
  private arrived: () => void = () => {};
  /** Reality mode's logs and reports. */
  readonly reality: MockReality;

  constructor(processes: Process[], options: MockLibraryOptions = {}) {
    this.path = options.path ?? "/mock/library.flowlane";
    this.author = options.author ?? "Mock author";
    this.clock = options.clock;
    this.drafts = new Set(options.drafts ?? []);
    this.failure = options.failure;
    this.comparisons = options.comparisons ?? [];
    this.problems = options.problems ?? {};
    this.verifyReport = options.verify;
    this.batchRuns = options.batchRuns ?? [];
    this.recorded = new RecordedRuns(options.runs ?? [], options.replays ?? [], this.author);
    this.syncing = options.sync;
    this.names = options.names ?? {};
    this.arrival = options.arrival ?? null;
    this.remote = options.sync?.remote ?? null;
    this.reality = new MockReality(options.reality);
    const savedAt = options.savedAt ?? "2026-01-01T09:00:00Z";
    for (const process of processes) {
      const number = (this.versions.get(process.id)?.length ?? 0) + 1;
      const at = typeof savedAt === "string" ? savedAt : savedAt(process, number);
      this.append(process, number === 1 ? "Created" : `Version ${number}`, at);
    }
  }

  async libraryOverview(): Promise<LibraryOverview> {
    this.throwIfFailing();
    const processes: ProcessSummary[] = [...this.versions.values()].map((history) => {
      const latest = history[history.length - 1]!;
      return {
        id: latest.process.id,
        name: latest.process.info.name,
        category: latest.process.info.category,
        owner: latest.process.info.owner,
        tags: [...new Set(history.flatMap((entry) => entry.version.tags))].sort(),
        latest: latest.version.number, saved_at: latest.version.saved_at,
        has_draft: this.drafts.has(latest.process.id), archived: false,
      };
    });
    processes.sort((a, b) => a.name.localeCompare(b.name));
    return { path: this.path, created: false, processes, read_only: null };
  }

  async libraryStamp(): Promise<number> {
    this.throwIfFailing();
    return this.stamp;
  }

  /** Another writer (a terminal, a second window) saves `id` again as a new version; the stamp moves. */
  savedElsewhere(id: string, message: string): void {
    const history = this.history(id);
    this.append(history[history.length - 1]!.process, message, this.clock?.() ?? "2026-01-01T09:00:00Z");
    this.stamp++;
  }

  async loadProcess(id: string, version?: number): Promise<LoadedVersion> {
    this.throwIfFailing();
    const history = this.history(id);
    return structuredClone(this.find(history, version ?? history.length));
  }

  async processHistory(id: string): Promise<VersionInfo[]> {
    this.throwIfFailing();
    return this.history(id).map((saved) => structuredClone(saved.version));
  }

  async versionAt(id: string, at: string): Promise<VersionInfo | null> {
    this.throwIfFailing();
    const instant = Date.parse(at);
    if (Number.isNaN(instant)) throw { code: "invalid", message: `"${at}" is not an RFC 3339 time` };
    // Like the store: among versions saved at or before the instant, the highest number wins.
    const inForce = this.history(id).filter((saved) => Date.parse(saved.version.saved_at) <= instant).at(-1);
    return inForce ? structuredClone(inForce.version) : null;
  }

  async restoreVersion(id: string, number: number): Promise<VersionInfo> {
    this.throwIfFailing();
    const history = this.history(id);
    const restored = this.find(history, number);
    const latest = history[history.length - 1]!;
    if (restored.version.hash === latest.version.hash) {
      throw { code: "unchanged", message: `nothing changed since version ${latest.version.number}; no new version was saved` };
    }
    const at = this.clock?.() ?? new Date(Date.parse(latest.version.saved_at) + 3_600_000).toISOString();
    return structuredClone(this.append(restored.process, `Restore version ${number}`, at).version);
  }

  async tagVersion(id: string, number: number, tag: string): Promise<void> {
    this.throwIfFailing();
    const name = tag.trim();
    // The shell only trims; an empty tag is refused here so UI tests notice if one slips through.
    if (!name) throw { code: "invalid", message: "a tag needs a name" };
    const { version } = this.find(this.history(id), number);
    if (!version.tags.includes(name)) {
      version.tags.push(name);
      // The store lists tags in SQLite's binary order, which for UTF-16 code units is `sort()`.
      version.tags.sort();
    }
  }

  async compareVersions(id: string, from: number, to: number): Promise<Comparison> {
    this.throwIfFailing();
    const history = this.history(id);
    const [old, now] = [this.find(history, from), this.find(history, to)];
    const fixture = this.comparisons.find((c) => c.process === id && c.from === from && c.to === to);
    if (!fixture) throw { code: "unsupported", message: `this library has no comparison of v${from} and v${to}` } satisfies CommandError;
    return structuredClone({ old, new: now, diff: fixture.diff, text: fixture.text });
  }

  async verifyLibrary(): Promise<VerifyReport> {
    this.throwIfFailing();
    if (this.verifyReport) return structuredClone(this.verifyReport);
    const versions = [...this.versions.values()].reduce((sum, history) => sum + history.length, 0);
    return { processes: this.versions.size, versions, problems: [] };
  }

  async validateProcess(id: string, version?: number): Promise<Problem[]> {
    this.throwIfFailing();
    const history = this.history(id);
    this.find(history, version ?? history.length);
    return structuredClone(this.problems[id] ?? []);
  }

  async simulationStart(start: SimulationStart): Promise<StartedRun> {
    this.throwIfFailing();
    return this.recorded.start(start, this.history(start.id).length);
  }

  async simulationFire(run: number, step: number, action: Action): Promise<SimulationStep> {
    this.throwIfFailing();
    return this.recorded.fire(run, step, action);
  }

  async simulationLog(run: number, step: number, format: LogFormat): Promise<string> {
    this.throwIfFailing();
    return this.recorded.log(run, step, format);
  }

  /** The latest version as the working copy; a mock cannot run the core's commands, so no edits. */
  async openEditor(id: string): Promise<Opened> {
    this.throwIfFailing();
    const history = this.history(id);
    const latest = structuredClone(history[history.length - 1]!);
    const draft = this.drafts.has(id);
    return {
      process: latest.process,
      names: latest.names,
      base_version: latest.version.number,
      latest: latest.version,
      recovered_draft: draft ? latest.version.saved_at : null,
      can_undo: false,
      can_redo: false,
      unsaved: draft,
    };
  }

  async editProcess(): Promise<Edited | null> {
    throw readOnly();
  }

  async arrangeProcess(): Promise<Layout> {
    throw readOnly();
  }

  async undoEdit(): Promise<Edited | null> {
    return null;
  }

  async redoEdit(): Promise<Edited | null> {
    return null;
  }

  async saveDraft(): Promise<EditState> {
    this.throwIfFailing();
    return { can_undo: false, can_redo: false, unsaved: false };
  }

  async saveProcessVersion(): Promise<SavedVersion> {
    throw readOnly();
  }

  async discardDraft(id: string): Promise<void> {
    this.drafts.delete(id);
  }

  async validateDraft(id: string): Promise<Problem[]> {
    return this.validateProcess(id);
  }

  async checkCondition(): Promise<string | null> {
    return null;
  }

  async createProcess(): Promise<string> {
    throw readOnly();
  }

  async archiveProcess(): Promise<void> {
    throw readOnly();
  }

  async unsavedProcesses(): Promise<string[]> {
    return [];
  }

  async pickBpmn(): Promise<PickedBpmn | null> {
    throw readOnly();
  }

  async importBpmn(): Promise<string> {
    throw readOnly();
  }

  async quit(): Promise<void> {}

  async setTitle(title: string): Promise<void> {
    document.title = title;
  }

  onCloseRequested(): void {}

  async takeArrival(): Promise<Arrival | null> {
    const arrival = this.arrival;
    this.arrival = null;
    return arrival;
  }

  onArrival(handler: () => void): void {
    this.arrived = handler;
  }

  /** A second launch handing `arrival` to the window, as the shell's single-instance hand-over does. */
  handOver(arrival: Arrival): void {
    this.arrival = arrival;
    this.arrived();
  }

  /** Files "saved" through the native dialog, which a browser test cannot click. */
  readonly savedLogs: Array<{ path: string; text: string }> = [];

  async saveSimulationLog(run: number, step: number, format: LogFormat): Promise<string | null> {
    this.throwIfFailing();
    const text = this.recorded.log(run, step, format);
    const path = `/home/trainer/simulation-log.${format === "markdown" ? "md" : format}`;
    this.savedLogs.push({ path, text });
    return path;
  }

  /** Files "exported" through the native dialog, which a browser test cannot click. */
  readonly exports: Array<{ path: string; id: string; version: number; format: ExportFormat; engine?: Engine }> = [];

  async exportProcess(id: string, version: number, format: ExportFormat, engine?: Engine): Promise<string | null> {
    this.throwIfFailing();
    const process = this.find(this.history(id), version).process;
    const extension = format === "markdown" ? "md" : format;
    const path = `/home/alex/Documents/${process.info.name}.${extension}`;
    this.exports.push(engine ? { path, id, version, format, engine } : { path, id, version, format });
    return path;
  }

  async saveScenario(scenario: Scenario): Promise<void> {
    this.throwIfFailing();
    this.find(this.history(scenario.process), scenario.version);
    this.recorded.save(scenario, this.clock?.() ?? "2026-01-01T09:00:00Z");
  }

  async listScenarios(id: string): Promise<ScenarioSummary[]> {
    this.throwIfFailing();
    this.history(id);
    return this.recorded.list(id);
  }

  async replayScenario(name: string): Promise<ScenarioReplay> {
    this.throwIfFailing();
    return this.recorded.replay(name);
  }

  /**
   * Answers from `batchRuns` in ten progress steps, one per task turn, so a test can watch the
   * bar move and cancel in between. A request without a recorded run is refused.
   */
  async batchSimulate(request: BatchRequest, onProgress: (progress: BatchProgress) => void): Promise<BatchRun> {
    this.throwIfFailing();
    this.history(request.id);
    const found = this.batchRuns.find((r) => r.process === request.id && r.compareWith === request.compareWith);
    if (!found) throw { code: "batch", message: "the mock has no batch run recorded for this request" } satisfies CommandError;
    this.batchCancelled = false;
    const events = found.run.base.result.events + (found.run.other?.result.events ?? 0);
    for (let step = 1; step <= 10; step++) {
      await new Promise((done) => setTimeout(done, 0));
      if (this.batchCancelled) throw { code: "cancelled", message: "the simulation was cancelled" } satisfies CommandError;
      onProgress({ fraction: step / 10, instances_done: Math.round((found.run.base.result.instances.started * step) / 10), events: Math.round((events * step) / 10) });
    }
    return structuredClone(found.run);
  }

  async batchCancel(): Promise<void> {
    this.batchCancelled = true;
    this.reality.cancelCalibration();
  }

  /** Gaps as the core found them for a recorded run, else none. */
  async batchGaps(id: string): Promise<Gaps> {
    this.throwIfFailing();
    return structuredClone(this.batchRuns.find((r) => r.process === id && r.gaps)?.gaps ?? { gaps: [], defaults: {} });
  }

  /** The mock has no file system to pick from. */
  async pickParameterFile(): Promise<string | null> {
    return null;
  }

  /** Files "saved" through the native dialog. */
  readonly savedBatchResults: Array<{ path: string; format: BatchExport }> = [];

  async saveBatchResult(run: BatchRun, format: BatchExport): Promise<string | null> {
    this.throwIfFailing();
    const path = `/home/analyst/batch-simulation.${format}`;
    this.savedBatchResults.push({ path, format });
    return run ? path : null;
  }

  // Reality mode: answered by `reality` from the recorded fixture.
  pickLog(): Promise<string | null> { return this.reality.pickLog(); }
  previewLog(path: string, columns: ChosenColumns): Promise<LogPreview> { return this.reality.previewLog(path, columns); }
  importLog(id: string, path: string, columns: ChosenColumns, onProgress: (progress: ImportProgress) => void): Promise<ImportedLog> { return this.reality.importLog(id, path, columns, onProgress); }
  cancelLogImport(): Promise<void> { return this.reality.cancelLogImport(); }
  processLogs(id: string): Promise<StoredLog[]> { return this.reality.processLogs(id); }
  logConformance(subject: LogSubject): Promise<Conformance> { return this.reality.logConformance(subject); }
  replayLogCase(subject: LogSubject, caseId: string): Promise<LogCaseReplay> { return this.reality.replayLogCase(subject, caseId); }
  logFitByVersion(id: string, log: number): Promise<VersionFit[]> { return this.reality.logFitByVersion(id, log); }
  logMapping(subject: LogSubject): Promise<MappingTable> { return this.reality.logMapping(subject); }
  saveLogMapping(id: string, mapping: Record<string, string | null>): Promise<void> { return this.reality.saveLogMapping(id, mapping); }
  logPerformance(subject: LogSubject): Promise<Performance> { return this.reality.logPerformance(subject); }
  logCalibration(subject: LogSubject, onProgress: (progress: BatchProgress) => void): Promise<Calibration> { return this.reality.logCalibration(subject, onProgress); }
  saveRealityReport(subject: LogSubject, report: RealityReport, format: ReportFile): Promise<string | null> { return this.reality.saveRealityReport(subject, report, format); }

  async discoverStoredLog(): Promise<DiscoverySummary> {
    throw { code: "discover", message: "the mock library cannot discover a process" } satisfies CommandError;
  }

  async draftCalibratedCopy(): Promise<CalibratedDraft> {
    throw { code: "calibrate", message: "the mock library cannot store a calibrated copy" } satisfies CommandError;
  }

  async syncState(): Promise<SyncState> {
    this.throwIfFailing();
    return { remote: this.remote, merges: structuredClone(this.waiting) };
  }

  async linkRemote(url: string): Promise<SyncState> {
    this.throwIfFailing();
    this.remote = url;
    return this.syncState();
  }

  async syncNow(): Promise<SyncResult> {
    this.throwIfFailing();
    if (!this.remote || !this.syncing) throw { code: "not_linked", message: "this library is not linked to a shared repository" } satisfies CommandError;
    this.waiting = structuredClone(this.syncing.result.merges);
    return structuredClone(this.syncing.result);
  }

  /** Like the core: choices are kept, and the merge is saved once every conflict has one. */
  async resolveMerge(id: string, choices: [number, Side][], fates: [number, Fate][] = []): Promise<MergeOutcome> {
    this.throwIfFailing();
    const merge = this.waiting.find((m) => m.process === id);
    if (!merge) throw { code: "no_merge", message: "no merge waits for this process" } satisfies CommandError;
    for (const [number, side] of choices) {
      const conflict = merge.conflicts.find((c) => c.number === number);
      if (!conflict) throw { code: "unknown_conflict", message: `there is no conflict ${number} in this merge` } satisfies CommandError;
      conflict.choice = side;
    }
    for (const [number, fate] of fates) {
      const conflict = merge.conflicts.find((c) => c.number === number);
      if (conflict) conflict.fate = fate;
    }
    if (merge.conflicts.some((c) => c.choice === null)) return { saved: null, merge: structuredClone(merge) };
    this.waiting = this.waiting.filter((m) => m !== merge);
    const history = this.history(id);
    const definition = this.syncing?.merged[id] ?? history[history.length - 1]!.process;
    const at = this.clock?.() ?? "2026-01-01T10:00:00Z";
    return { saved: structuredClone(this.append(definition, `Merge ${merge.name}`, at).version), merge: null };
  }

  async pickLibrary(): Promise<string | null> {
    return null;
  }

  async pickNewLibrary(): Promise<string | null> {
    return null;
  }

  async switchLibrary(path: string): Promise<void> {
    throw { code: "unsupported", message: `the preview cannot open ${path}; the desktop app can` } satisfies CommandError;
  }

  async about(): Promise<About> {
    return { version: "0.0.0", commit: "unknown", library_format: 0, data_folder: "/mock", library_path: this.path, settings_path: "/mock/settings.json" };
  }

  onMenu(handler: (command: MenuCommand) => void): void {
    this.menuHandler = handler;
  }

  /** A choice in the menu bar, as the shell sends it. */
  chooseFromMenu(command: MenuCommand): void {
    this.menuHandler?.(command);
  }

  async setMenuState(disabled: MenuItemId[], exportEnabled: boolean): Promise<void> {
    Object.assign(this.menu, { disabled: [...disabled], exportEnabled });
  }

  async setMenuShortcuts(shortcuts: [MenuItemId, string][]): Promise<void> {
    this.menu.shortcuts = structuredClone(shortcuts);
  }

  async textEdit(edit: TextEdit): Promise<void> {
    this.menu.textEdits.push(edit);
  }

  private append(process: Process, message: string, savedAt: string): LoadedVersion {
    const history = this.versions.get(process.id) ?? [];
    const definition = structuredClone(process);
    const saved: LoadedVersion = {
      version: {
        process: process.id,
        number: history.length + 1,
        hash: contentHash(definition),
        prev_hash: history.at(-1)?.version.hash ?? null,
        author: this.author,
        message,
        saved_at: savedAt,
        tags: [],
        signed_by: null,
      },
      process: definition,
      names: structuredClone(this.names[process.id] ?? {}),
    };
    history.push(saved);
    this.versions.set(process.id, history);
    return saved;
  }

  private history(id: string): LoadedVersion[] {
    const history = this.versions.get(id);
    if (!history) throw { code: "unknown_process", message: `no process matches "${id}"` } satisfies CommandError;
    return history;
  }

  private find(history: LoadedVersion[], number: number): LoadedVersion {
    const found = history[number - 1];
    if (!found) {
      throw { code: "unknown_version", message: `process ${history[0]!.process.id} has no version ${number}` } satisfies CommandError;
    }
    return found;
  }

  private throwIfFailing(): void {
    if (this.failure) throw { ...this.failure };
  }
}

/**
 * Same definition ⇒ same hash, as in the store (which hashes canonical bytes). Copies made with
 * `structuredClone` keep key order, so their JSON text is identical. FNV-1a: short, not secure.
 */
function contentHash(process: Process): string {
  const text = JSON.stringify(process);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return `mock-${hash.toString(16).padStart(8, "0")}`;
}

/** Editing runs the core's commands, which only the desktop app has. */
function readOnly(): CommandError {
  return { code: "unsupported", message: "This preview library is read-only; editing needs the Flowlane desktop app." };
}
