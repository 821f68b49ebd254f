import type { Backend, CommandError, LibraryOverview, LoadedVersion } from "./backend";
import type { Process } from "./generated/Process";
import type { ProcessSummary } from "./generated/ProcessSummary";
import type { VersionInfo } from "./generated/VersionInfo";

export interface MockLibraryOptions {
  path?: string;
  author?: string;
  /** Timestamp written on every version; passed in because the UI never reads the clock for data. */
  savedAt?: string;
  /** Process ids that also have an unsaved draft. */
  drafts?: string[];
  /** When set, every call rejects with this error (e.g. a corrupt library). */
  failure?: CommandError;
}

/**
 * An in-memory library for tests and the browser preview. Processes that share an id
 * become successive versions of that process, in the order given.
 */
export class MockBackend implements Backend {
  private readonly versions = new Map<string, LoadedVersion[]>();
  private readonly path: string;
  private readonly drafts: Set<string>;
  private readonly failure: CommandError | undefined;

  constructor(processes: Process[], options: MockLibraryOptions = {}) {
    this.path = options.path ?? "/mock/library.flowlane";
    this.drafts = new Set(options.drafts ?? []);
    this.failure = options.failure;
    const author = options.author ?? "Mock author";
    const savedAt = options.savedAt ?? "2026-01-01T09:00:00Z";
    for (const process of processes) {
      const history = this.versions.get(process.id) ?? [];
      const number = history.length + 1;
      const version: VersionInfo = {
        process: process.id,
        number,
        hash: `mock-${process.id}-${number}`,
        prev_hash: history.at(-1)?.version.hash ?? null,
        author,
        message: number === 1 ? "Created" : `Version ${number}`,
        saved_at: savedAt,
        tags: [],
      };
      history.push({ version, process: structuredClone(process) });
      this.versions.set(process.id, history);
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
        latest: latest.version.number,
        saved_at: latest.version.saved_at,
        has_draft: this.drafts.has(latest.process.id),
      };
    });
    processes.sort((a, b) => a.name.localeCompare(b.name));
    return { path: this.path, created: false, processes };
  }

  async loadProcess(id: string, version?: number): Promise<LoadedVersion> {
    this.throwIfFailing();
    const history = this.versions.get(id);
    if (!history) throw notFound(`No process with id ${id}`);
    const found = version === undefined ? history[history.length - 1] : history[version - 1];
    if (!found) throw notFound(`Process ${id} has no version ${version}`);
    return structuredClone(found);
  }

  private throwIfFailing(): void {
    if (this.failure) throw { ...this.failure };
  }
}

function notFound(message: string): CommandError {
  return { code: "not_found", message };
}
