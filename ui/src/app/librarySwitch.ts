import { fail, say, type Parts } from "./parts";
import type { Workspace } from "./workspace";

/**
 * File ▸ Open library…, New library… and Recent libraries. The shell writes every working copy
 * to its draft in the library being left, then opens the other; the window then starts again on
 * it, so nothing of the old library's modes, panels or runs stays behind. A library that cannot
 * be opened is reported and the one in the window stays.
 */
export class LibrarySwitch {
  constructor(
    private readonly parts: Parts,
    private readonly workspace: Workspace,
    private readonly restart: () => void = () => location.reload(),
  ) {}

  async openLibrary(): Promise<void> {
    const path = await this.ask(() => this.parts.backend.pickLibrary());
    if (path) await this.switchTo(path, false);
  }

  async newLibrary(): Promise<void> {
    const path = await this.ask(() => this.parts.backend.pickNewLibrary());
    if (path) await this.switchTo(path, true);
  }

  /** Opens the library at `path` (with `create`, a new one with the samples) in this window. */
  async switchTo(path: string, create: boolean): Promise<void> {
    const { parts } = this;
    say(parts, `${create ? "Creating" : "Opening"} ${path}…`);
    // The last edits reach the draft before the library closes.
    await this.workspace.shown?.doc?.flush();
    try {
      await parts.backend.switchLibrary(path, create);
    } catch (error) {
      say(parts, `${path} was not opened; this library stays open`);
      fail(parts, error, "The other library was not opened; this one stays open");
      return;
    }
    this.restart();
  }

  private async ask(dialog: () => Promise<string | null>): Promise<string | null> {
    try {
      return await dialog();
    } catch (error) {
      fail(this.parts, error, "The file dialog could not be shown");
      return null;
    }
  }
}
