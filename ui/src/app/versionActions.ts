import type { VersionInfo } from "../backend";
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
    let errors: string[] = [];
    try {
      errors = (await parts.backend.validateDraft(doc.id)).filter((p) => p.severity === "error").map((p) => p.message);
    } catch {
      // Saving does not depend on the check; the problems panel shows why it failed.
    }
    const next = (shown.version ?? 0) + 1;
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
      doc.versionSaved(saved);
      shown.version = saved.version.number;
      shown.latest = saved.version.number;
      workspace.enableVersionTools(true);
      parts.header.showWorkingCopy(doc.process.info, saved.version, false);
      parts.screen.draftNote.hidden = true;
      say(parts, `Saved ${doc.process.info.name} v${saved.version.number}`);
      await workspace.refreshProcessList();
      if (parts.history.isOpen) void this.loadHistory();
      return true;
    } catch (error) {
      fail(parts, error, "The version was not saved");
      return false;
    }
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
