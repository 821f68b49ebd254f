import type { Arrival, Backend, FileComparison, PickedBpmn } from "../backend";

/** What handling an arrival needs from the app around it. */
export interface ArrivalHost {
  /** The import dialog for a file handed over, always asked first. */
  importFile(picked: PickedBpmn): Promise<void>;
  /** The compare view, read-only, on two files (or versions) named at launch. */
  compareFiles(comparison: FileComparison): void;
  /** The shell now works on the library at `path`: said at start, the window reloaded later. */
  libraryOpened(path: string, atStart: boolean): void;
  /** A file that was not opened, and why; nothing was written. */
  refused(message: string): void;
}

/**
 * What launches hand the window: the first launch's file or comparison (`flowlane-app FILE`,
 * `--compare OLD NEW`) once the library is shown, and a second launch's while the window runs.
 * Each is done the way the same thing is done by hand.
 */
export class Arrivals {
  constructor(
    private readonly backend: Backend,
    private readonly host: ArrivalHost,
  ) {}

  /** Handles what the first launch asked, and from then on what later launches hand over. */
  async start(): Promise<void> {
    this.backend.onArrival(() => void this.take(false));
    await this.take(true);
  }

  private async take(atStart: boolean): Promise<void> {
    let arrival: Arrival | null;
    try {
      arrival = await this.backend.takeArrival();
    } catch (error) {
      this.host.refused(`What the launch named could not be read: ${String((error as { message?: unknown }).message ?? error)}`);
      return;
    }
    if (arrival !== null) await this.handle(arrival, atStart);
  }

  private async handle(arrival: Arrival, atStart: boolean): Promise<void> {
    switch (arrival.kind) {
      case "library":
        this.host.libraryOpened(arrival.path, atStart);
        break;
      case "import":
        await this.host.importFile(arrival.picked);
        break;
      case "compare":
        this.host.compareFiles(arrival.comparison);
        break;
      case "refused":
        this.host.refused(arrival.message);
        break;
    }
  }
}
