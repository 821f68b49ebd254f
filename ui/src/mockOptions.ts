import type { Arrival, BatchRun, CommandError, Gaps, Problem, SyncResult, VerifyReport } from "./backend";
import type { Diff } from "./generated/Diff";
import type { Process } from "./generated/Process";
import type { SideBySide } from "./generated/SideBySide";
import type { Names } from "./names";
import type { RealityFixture } from "./mockReality";
import type { RecordedRun, ReplayFixture } from "./recordedRuns";

/** What the in-memory library is made from: fixtures the real core computed, and its settings. */

/** What the core computes for `compareVersions`, precomputed (the mock cannot run the Rust diff). */
export interface ComparisonFixture {
  process: string;
  from: number;
  to: number;
  diff: Diff;
  text: SideBySide;
}

export interface MockLibraryOptions {
  path?: string;
  author?: string;
  /**
   * When each given version was saved: one timestamp for all, or one per version. Passed in
   * because the UI never reads the clock for data.
   */
  savedAt?: string | ((process: Process, number: number) => string);
  /** The time a restore is saved at; by default an hour after the process's latest version. */
  clock?: () => string;
  /** Process ids that also have an unsaved draft. */
  drafts?: string[];
  /** When set, every call rejects with this error (e.g. a corrupt library). */
  failure?: CommandError;
  /** The only comparisons `compareVersions` can answer, e.g. fixtures made with the real core. */
  comparisons?: ComparisonFixture[];
  /** Validation problems by process id, the same for each of its versions; none by default. */
  problems?: Record<string, Problem[]>;
  /** What the tamper check reports; by default a clean library. */
  verify?: VerifyReport;
  /** Runs the core recorded; simulations can only walk these (see `RecordedRuns`). */
  runs?: RecordedRun[];
  /** Sample scenarios as `replay_scenario` answered them. */
  replays?: ReplayFixture[];
  /** Batch runs the core made (the CLI's `simulate --runs … --format json`), by process. */
  batchRuns?: BatchRunFixture[];
  /** The shared repository and what syncing with it answers; not linked by default. */
  sync?: MockSync;
  /**
   * What the core calls each element, by process id (the labels of all its versions in one
   * map, as `generate names` prints them); the mock cannot describe elements itself, so a
   * process without them has none.
   */
  names?: Record<string, Names>;
  /** What the launch handed over (`flowlane-app FILE`, `--compare`), taken at start. */
  arrival?: Arrival;
  /** Logs, previews and reports the core made, for reality mode; none by default. */
  reality?: RealityFixture;
}

/** A batch run of the core for one process, optionally compared with another version. */
export interface BatchRunFixture {
  process: string;
  compareWith: number | null;
  run: BatchRun;
  /** What the core found missing for this process (`batch_gaps`), when recorded. */
  gaps?: Gaps;
}

/** Sync as the core answered it (the mock cannot run git or the merge). */
export interface MockSync {
  remote: string | null;
  /** What every Sync press answers. */
  result: SyncResult;
  /** The definition a resolved merge saves, by process id. */
  merged: Record<string, Process>;
}
