import type { SavedVersion, VersionInfo } from "../backend";
import type { EditState } from "../generated/EditState";
import { endOfUtcDay } from "../panels/format";
import { leaveSimulation } from "./mode";
import { fail, say, type Parts } from "./parts";
import type { Workspace } from "./workspace";

/**
 * What is done to a process's versions: save the working copy as one, discard its draft,
 * restore or tag an old one, find the one in force on a day, and the history panel listing them.
 */
export class VersionActions {
  private historyTicket = 0;
  /** Whose versions the history panel lists, so another process's rows are never clickable. */
  private historyOf: string | null = null;

  constructor(
    private readonly parts: Parts,
    private readonly workspace: Workspace,
  ) {}

  toggleHistory(focus: boolean): void {
    const { history } = this.parts;
    const open = !history.isOpen;
    if (open) this.parts.modes.go(leaveSimulation);
    history.setOpen(open, focus);
    if (open) void this.loadHistory();
  }

  /** Fills the history panel for the shown process; a newer request wins over a slower one. */
  async loadHistory(): Promise<void> {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    const ticket = ++this.historyTicket;
    if (!shown) {
      parts.history.showPlaceholder("Select a process to see its versions.");
      return;
    }
    if (this.historyOf !== shown.summary.id) {
      this.historyOf = null;
      parts.history.showPlaceholder("Loading versions…");
    }
    try {
      const versions = await parts.backend.processHistory(shown.summary.id);
      if (ticket !== this.historyTicket || shown !== workspace.shown) return;
      this.historyOf = shown.summary.id;
      shown.latest = Math.max(shown.latest, ...versions.map((v) => v.number));
      parts.history.showVersions(shown.summary.name, versions, shown.version);
    } catch (error) {
      if (ticket !== this.historyTicket) return;
      this.historyOf = null;
      parts.history.showPlaceholder("The history could not be read.");
      fail(parts, error, `The history of ${shown.summary.name} could not be read`);
    }
  }

  async showAsOf(day: string): Promise<void> {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    const at = endOfUtcDay(day);
    if (!shown) return;
    if (!at) {
      parts.history.showAsOfResult(`${day} is not a date.`, false);
      return;
    }
    try {
      const version = await parts.backend.versionAt(shown.summary.id, at);
      if (shown !== workspace.shown) return;
      if (!version) {
        parts.history.showAsOfResult(`No version existed on ${day} (UTC).`, false);
        return;
      }
      parts.history.showAsOfResult(`v${version.number} was in force at the end of ${day} (UTC).`, true);
      await workspace.openVersion(version.number, { keepAsOf: true });
    } catch (error) {
      fail(parts, error, `The version in force on ${day} could not be found`);
    }
  }

  /** Saves an old version as the new latest, then refreshes everything that shows version numbers. */
  async restore(version: VersionInfo): Promise<void> {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    if (!shown) return;
    say(parts, `Restoring ${shown.summary.name} v${version.number}…`);
    let saved: VersionInfo;
    try {
      saved = await parts.backend.restoreVersion(shown.summary.id, version.number);
    } catch (error) {
      fail(parts, error, `Version ${version.number} could not be restored`);
      say(parts, `Version ${version.number} was not restored`);
      return;
    }
    shown.latest = Math.max(shown.latest, saved.number);
    await Promise.all([workspace.refreshProcessList(), this.loadHistory(), workspace.openVersion()]);
    if (shown !== workspace.shown) return;
    say(parts, `Restored v${version.number} as v${saved.number} of ${shown.summary.name}`);
    parts.history.focusList();
  }

  async tag(number: number, tag: string): Promise<boolean> {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    if (!shown) return false;
    try {
      await parts.backend.tagVersion(shown.summary.id, number, tag);
    } catch (error) {
      fail(parts, error, `v${number} could not be tagged "${tag}"`);
      return false;
    }
    if (shown === workspace.shown) parts.history.addTag(number, tag);
    return true;
  }

  /** Ctrl+S: asks for a message (warning about errors, never refusing) and stores a version. */
  async saveVersion(): Promise<boolean> {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    const doc = shown?.doc;
    if (!shown || !doc) return false;
    await doc.flush();
    const unchanged = nothingChangedSince(doc.state, shown.version, shown.latest);
    if (unchanged !== null) {
      say(parts, `Nothing changed since v${unchanged}`);
      return false;
    }
    if (!(await this.confirmOverNewer(shown.summary.id, shown.version))) return false;
    let errors: string[] = [];
    try {
      errors = (await parts.backend.validateDraft(doc.id)).filter((p) => p.severity === "error").map((p) => p.message);
    } catch {
      // Saving does not depend on the check; the problems panel shows why it failed.
    }
    const next = Math.max(shown.version ?? 0, shown.latest) + 1;
    const answer = await parts.form.ask({
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
      const saved = await parts.backend.saveProcessVersion(doc.id, answer.text.trim());
      shown.version = saved.version.number;
      shown.latest = saved.version.number;
      doc.versionSaved(saved);
      workspace.enableVersionTools(true);
      parts.header.showWorkingCopy(doc.process.info, saved.version, false);
      parts.screen.draftNote.hidden = true;
      workspace.flagStaleDraft();
      say(parts, savedNotice(doc.process.info.name, saved));
      await workspace.refreshProcessList();
      if (parts.history.isOpen) void this.loadHistory();
      return true;
    } catch (error) {
      fail(parts, error, "The version was not saved");
      return false;
    }
  }

  /**
   * A draft is never silently saved over a version saved elsewhere since it started: with a
   * newer version in the library (asked now, not trusted from the last refresh), the user
   * confirms first, knowing which version the save goes on top of.
   */
  private async confirmOverNewer(id: string, base: number | null): Promise<boolean> {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    let latest = shown?.latest ?? 0;
    try {
      latest = Math.max(latest, ...(await parts.backend.processHistory(id)).map((v) => v.number));
    } catch {
      // The save itself reports a library that cannot be read.
    }
    if (shown) shown.latest = latest;
    if (latest <= (base ?? 0)) return true;
    workspace.flagStaleDraft();
    const name = shown?.summary.name ?? "this process";
    const started = base === null ? "Since you started this draft" : `Since you started this draft from v${base}`;
    return parts.dialog.ask({
      title: `v${latest} was saved elsewhere`,
      body: `${started}, v${latest} of ${name} was saved elsewhere. Saving makes your draft v${latest + 1}, on top of v${latest}: what v${latest} changed is replaced by your draft. Compare them first (Cancel, then Compare), or save anyway.`,
      confirm: `Save over v${latest}`,
    });
  }

  /** Another process or window wrote to the library: the list, the history and the stale-draft flag catch up. */
  async changedElsewhere(): Promise<void> {
    const { parts, workspace } = this;
    await workspace.refreshProcessList();
    if (parts.history.isOpen) await this.loadHistory();
    workspace.flagStaleDraft();
    say(parts, "The library was changed elsewhere; the list and history are up to date");
  }

  async discardDraft(): Promise<void> {
    const { parts, workspace } = this;
    const shown = workspace.shown;
    if (!shown?.doc) return;
    const yes = await parts.dialog.ask({ title: "Discard the draft?", body: `Your unsaved changes to ${shown.summary.name} are thrown away and v${shown.version} opens again.`, confirm: "Discard changes" });
    if (!yes) return;
    try {
      await parts.backend.discardDraft(shown.doc.id);
    } catch (error) {
      fail(parts, error, "The draft was not discarded");
      return;
    }
    shown.doc.close();
    shown.doc = null;
    await workspace.refreshProcessList();
    await workspace.openVersion();
  }

  /** The window is closing with changes not saved as a version: ask, never lose them. */
  async askToClose(): Promise<void> {
    const { parts, workspace } = this;
    const names = await parts.backend.unsavedProcesses();
    const answer = await parts.form.ask({
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
    await workspace.shown?.doc?.flush();
    await parts.backend.quit();
  }

  /** A saved merge is the process's new latest version: show it if that process is open. */
  async mergeSaved(saved: VersionInfo): Promise<void> {
    const { workspace } = this;
    await workspace.refreshProcessList();
    if (workspace.shown?.summary.id === saved.process) await workspace.openVersion();
  }

  /** After a sync the open process may have newer versions: show its latest. */
  async synced(): Promise<void> {
    const { workspace } = this;
    const before = workspace.shown?.summary.latest ?? null;
    await workspace.refreshProcessList();
    const shown = workspace.shown;
    if (shown && shown.summary.latest !== before && shown.version === shown.latest) await workspace.openVersion();
  }
}

/** The status line after a save; a save accepts errors and says how many (the Problems panel lists them). */
export function savedNotice(name: string, saved: Pick<SavedVersion, "version" | "errors">): string {
  const count = saved.errors.length;
  const saidSo = count === 0 ? "" : ` with ${count} error${count === 1 ? "" : "s"} (see Problems)`;
  return `Saved ${name} v${saved.version.number}${saidSo}`;
}

/**
 * The version a working copy still equals (nothing to save), or null: it has no changes since
 * its base version and no newer version was saved elsewhere (saving over one is a real change).
 */
export function nothingChangedSince(state: EditState | null, base: number | null, latest: number): number | null {
  return state !== null && !state.unsaved && base !== null && latest <= base ? base : null;
}

/** Save version's state: off without a working copy, and off saying why when nothing changed. */
export function saveVersionButton(state: EditState | null, base: number | null, latest: number): { disabled: boolean; title: string } {
  const unchanged = nothingChangedSince(state, base, latest);
  if (unchanged !== null) return { disabled: true, title: `Nothing changed since v${unchanged}` };
  return { disabled: state === null, title: "Save the working copy as a new version (Ctrl+S)" };
}
