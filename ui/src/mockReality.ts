import type { BatchProgress, Calibration, ChosenColumns, CommandError, Conformance, LogCaseReplay, ImportedLog, ImportProgress, LogPreview, LogSubject, MappingTable, Performance, RealityReport, ReportFile, StoredLog, VersionFit } from "./backend";

/**
 * What the core answered for reality mode, recorded (the mock cannot read logs or align them):
 * a file the open dialog picks, its preview, the log an import stores, and the reports on it.
 */
export interface RealityFixture {
  /** The path the open dialog answers; null: cancelled. */
  pick: string | null;
  /** `preview_log` of each file, with the columns the core detected. */
  previews: Record<string, LogPreview>;
  /** What importing a previewed file stores (its process and number are the mock's). */
  imported: StoredLog;
  /** Logs already stored, by process. */
  stored?: StoredLog[];
  conformance: Conformance;
  fits: VersionFit[];
  mapping: MappingTable;
  performance: Performance;
  /** `log_calibration` of the stored log against the latest version (seed 1, from Monday 2026-01-05). */
  calibration?: Calibration;
  /** `replay_log_case` of some cases of the stored log, by case id. */
  cases?: Record<string, LogCaseReplay>;
}

const NO_CASE: CommandError = { code: "log", message: "the log has no column for the case id; choose the column; nothing was stored" };

/** Reality mode's commands over a `RealityFixture`, with the store's rules: logs are numbered per process and kept. */
export class MockReality {
  private readonly logs: StoredLog[];
  private readonly mappings = new Map<string, Record<string, string | null>>();
  private cancelled = false;
  private calibrationCancelled = false;
  /** Reports the save dialog was asked for. */
  readonly saved: { report: RealityReport; format: ReportFile }[] = [];

  constructor(private readonly fixture: RealityFixture | undefined) {
    this.logs = [...(fixture?.stored ?? [])];
  }

  private get data(): RealityFixture {
    if (!this.fixture) throw { code: "log", message: "this library has no logs" } satisfies CommandError;
    return this.fixture;
  }

  async pickLog(): Promise<string | null> {
    return this.fixture?.pick ?? null;
  }

  async previewLog(path: string, columns: ChosenColumns): Promise<LogPreview> {
    const preview = this.data.previews[path];
    if (!preview) throw { code: "log", message: `${path}: the file cannot be read; nothing was stored` } satisfies CommandError;
    const detected = { ...preview.detected };
    for (const key of ["case", "activity", "timestamp", "resource", "lifecycle"] as const) {
      if (columns[key] != null) detected[key] = columns[key];
    }
    return { ...preview, detected };
  }

  async importLog(id: string, path: string, columns: ChosenColumns, onProgress: (progress: ImportProgress) => void): Promise<ImportedLog> {
    const preview = await this.previewLog(path, columns);
    if (preview.format === "csv" && (!preview.detected.case || !preview.detected.activity)) throw NO_CASE;
    this.cancelled = false;
    onProgress({ bytes: 1, total: 2, events: 0 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.cancelled) throw { code: "cancelled", message: "the import was cancelled; nothing was stored" } satisfies CommandError;
    onProgress({ bytes: 2, total: 2, events: this.data.imported.events });
    const number = this.logs.filter((l) => l.process === id).length + 1;
    const log = { ...this.data.imported, process: id, number, name: path.split("/").pop() ?? path };
    this.logs.push(log);
    return { log, new: true };
  }

  async cancelLogImport(): Promise<void> {
    this.cancelled = true;
  }

  async processLogs(id: string): Promise<StoredLog[]> {
    return this.logs.filter((l) => l.process === id);
  }

  private stored(subject: LogSubject): void {
    if (!this.logs.some((l) => l.process === subject.id && l.number === subject.log)) {
      throw { code: "unknown_log", message: `process has no log ${subject.log}` } satisfies CommandError;
    }
  }

  async logConformance(subject: LogSubject): Promise<Conformance> {
    this.stored(subject);
    return this.data.conformance;
  }

  async replayLogCase(subject: LogSubject, caseId: string): Promise<LogCaseReplay> {
    this.stored(subject);
    const replay = this.data.cases?.[caseId];
    if (!replay) throw { code: "log_case", message: `the log has no case "${caseId}"` } satisfies CommandError;
    return structuredClone(replay);
  }

  async logFitByVersion(id: string, log: number): Promise<VersionFit[]> {
    this.stored({ id, version: null, log });
    return this.data.fits;
  }

  async logMapping(subject: LogSubject): Promise<MappingTable> {
    this.stored(subject);
    const saved = this.mappings.get(subject.id) ?? {};
    const activities = this.data.mapping.activities.map((row) =>
      row.activity in saved ? { ...row, step: saved[row.activity] ?? undefined, matched_by: "saved" as const, suggestions: [] } : row,
    );
    return { steps: this.data.mapping.steps, activities };
  }

  async saveLogMapping(id: string, mapping: Record<string, string | null>): Promise<void> {
    this.mappings.set(id, { ...mapping });
  }

  async logPerformance(subject: LogSubject): Promise<Performance> {
    this.stored(subject);
    return this.data.performance;
  }

  /** Answers the recorded calibration in four progress steps, so a test can watch the bar and cancel. */
  async logCalibration(subject: LogSubject, onProgress: (progress: BatchProgress) => void): Promise<Calibration> {
    this.stored(subject);
    const calibration = this.data.calibration;
    if (!calibration) throw { code: "calibrate", message: "the log needs at least two cases with timestamps to fit an arrival rate" } satisfies CommandError;
    this.calibrationCancelled = false;
    for (let step = 1; step <= 4; step++) {
      await new Promise((done) => setTimeout(done, 0));
      if (this.calibrationCancelled) throw { code: "cancelled", message: "the simulation was cancelled" } satisfies CommandError;
      onProgress({ fraction: step / 4, instances_done: (calibration.simulated_cases * step) / 4, events: 0 });
    }
    return structuredClone(calibration);
  }

  /** `batch_cancel`, as it reaches a calibration. */
  cancelCalibration(): void {
    this.calibrationCancelled = true;
  }

  async saveRealityReport(subject: LogSubject, report: RealityReport, format: ReportFile): Promise<string | null> {
    this.stored(subject);
    this.saved.push({ report, format });
    return `/mock/${report}.${format}`;
  }
}
