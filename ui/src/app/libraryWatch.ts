import type { CommandError } from "../backend";

/** How often the library is asked whether another process wrote to it, while the window is visible. */
export const WATCH_INTERVAL_MS = 2000;

/**
 * Notices versions saved by another process (`flowlane save` in a terminal, a second window):
 * asks the shell for the library's stamp (SQLite's `data_version`, which moves only for other
 * writers; one cheap pragma) every two seconds while the window is visible — on screen beside
 * the terminal, not only when focused — and once when it gets focus back, and calls `changed`
 * when it moved. A failed question is asked again on the next tick.
 */
export class LibraryWatch {
  private last: number | null = null;
  private busy = false;

  constructor(
    private readonly stamp: () => Promise<number>,
    private readonly changed: () => Promise<void>,
  ) {}

  /** Asks once; true when the library changed since the previous answer (and `changed` ran). */
  async poll(): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      const stamp = await this.stamp();
      const moved = this.last !== null && stamp !== this.last;
      this.last = stamp;
      if (moved) await this.changed();
      return moved;
    } catch {
      return false;
    } finally {
      this.busy = false;
    }
  }

  start(win: Window = window): void {
    void this.poll();
    win.setInterval(() => {
      if (win.document.visibilityState === "visible") void this.poll();
    }, WATCH_INTERVAL_MS);
    win.addEventListener("focus", () => void this.poll());
  }
}

/** The flag on a working copy started on `base` when `latest` was saved elsewhere since; null when it is not behind. */
export function staleDraftNotice(base: number | null, latest: number): string | null {
  if (latest <= (base ?? 0)) return null;
  const since = base === null ? "" : ` (it started from v${base})`;
  return `v${latest} was saved elsewhere since you started this draft${since}:`;
}

/** The banner of a library opened read-only, `why` as the shell says it ("it is on a read-only disk or mount"). */
export function readOnlyNotice(why: string): string {
  return `This library is read-only: ${why}. You can browse, compare, simulate and export; saving is off.`;
}

/** What the banner says before the store's reason when an autosave failed: the work is kept and saved again on the next change. */
export function autosaveFailureNotice(error: CommandError): string {
  const kept = "The draft could not be saved; your changes are kept in this window and saved again with your next change";
  switch (error.code) {
    case "disk_full":
      return `${kept}. Free some disk space, or save a version once there is room`;
    case "read_only":
    case "permission_denied":
      return `${kept}. Nothing is lost while the window stays open`;
    default:
      return kept;
  }
}
