import type { VersionInfo } from "../backend";
import { CompareForm } from "./compareForm";
import type { ConfirmDialog } from "./confirmDialog";
import { element } from "./dom";
import { utcTime } from "./format";
import { TagForm } from "./tagForm";
import { VersionList } from "./versionList";
import { setPanelOpen } from "./panelToggle";

/** What the panel asks of the app; the app talks to the backend and the canvas. */
export interface HistoryPanelEvents {
  /** Show version `number` on the canvas (read-only unless it is the latest). */
  open(number: number): void;
  /** A day (`YYYY-MM-DD`) was picked in the "as of" field. */
  asOf(day: string): void;
  /** The user confirmed restoring `version`. */
  restore(version: VersionInfo): void;
  /** Resolves true once the tag is saved. */
  tag(number: number, tag: string): Promise<boolean>;
  /** Compare version `from` with the newer version `to`. */
  compare(from: number, to: number): void;
}

/**
 * The right-hand history panel of the shown process: an "as of" date, the versions newest
 * first, and actions on the opened version (add a tag, restore it as a new version, compare it
 * with the version before it or with any other).
 */
export class HistoryPanel {
  private readonly count = element("span", "panel-count");
  private readonly asOfInput = element("input", "as-of-input");
  private readonly asOfResult = element("p", "as-of-result");
  private readonly list = element("ul", "version-list");
  private readonly placeholder = element("p", "panel-placeholder");
  private readonly footer = element("footer", "history-actions");
  private readonly note = element("p", "history-note");
  private readonly addTagButton = element("button", "button add-tag", "Add tag");
  private readonly restoreButton = element("button", "button restore-version", "Restore…");
  private readOnly = false;
  private readonly compareButtons = element("div", "history-buttons");
  private readonly comparePreviousButton = element("button", "button compare-previous", "Compare with previous");
  private readonly compareWithButton = element("button", "button compare-with", "Compare with…");
  private readonly closeButton = element("button", "icon-button panel-close", "×");
  private readonly versionList: VersionList;
  private readonly tagForm: TagForm;
  private readonly compareForm: CompareForm;
  private processName = "";
  private versions: VersionInfo[] = [];
  private opened: number | null = null;
  /** Opened from the keyboard before the versions arrived: focus the list once they do. */
  private focusOnLoad = false;

  constructor(
    private readonly panel: HTMLElement,
    private readonly toggleButton: HTMLButtonElement,
    private readonly dialog: ConfirmDialog,
    private readonly events: HistoryPanelEvents,
  ) {
    this.versionList = new VersionList(this.list, (version) => events.open(version.number));
    this.tagForm = new TagForm(
      (tag) => (this.opened === null ? Promise.resolve(false) : events.tag(this.opened, tag)),
      (byUser) => this.renderFooter(byUser),
    );
    this.compareForm = new CompareForm(
      (from, to) => events.compare(from, to),
      (byUser) => this.renderFooter(byUser ? this.compareWithButton : null),
    );
    this.build();
    this.showPlaceholder("Select a process to see its versions.");
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** Shows or hides the panel; `focus` moves the keyboard into it (or back to the toggle). */
  setOpen(open: boolean, focus = false): void {
    const listShown = !this.list.hidden;
    this.focusOnLoad = open && focus && !listShown;
    setPanelOpen(this.panel, this.toggleButton, open, focus, listShown ? this.list : this.closeButton);
  }

  /** Instead of the list: no process chosen, loading, or the history could not be read. */
  showPlaceholder(text: string): void {
    this.versions = [];
    this.opened = null;
    this.count.textContent = "";
    this.list.hidden = true;
    this.footer.hidden = true;
    this.asOfInput.disabled = true;
    this.placeholder.textContent = text;
    this.placeholder.hidden = false;
    this.tagForm.close();
    this.compareForm.close();
  }

  /** `versions` oldest first, as the backend gives them. */
  showVersions(processName: string, versions: VersionInfo[], opened: number | null): void {
    if (versions.length === 0) {
      this.processName = processName;
      this.showPlaceholder(`${processName} has no saved versions yet.`);
      return;
    }
    const processChanged = processName !== this.processName;
    this.processName = processName;
    this.versions = versions;
    this.opened = opened;
    this.count.textContent = `${versions.length} ${versions.length === 1 ? "version" : "versions"}`;
    this.placeholder.hidden = true;
    this.list.hidden = false;
    this.asOfInput.disabled = false;
    this.list.setAttribute("aria-label", `Versions of ${processName}, newest first`);
    this.versionList.setVersions(versions, opened);
    if (processChanged) this.clearAsOf();
    this.tagForm.close();
    this.compareForm.close();
    this.renderFooter();
    if (this.focusOnLoad) this.list.focus();
    this.focusOnLoad = false;
  }

  /** Puts the keyboard on the version list, e.g. after a restore disabled the focused button. */
  focusList(): void {
    if (this.isOpen && !this.list.hidden) this.list.focus();
  }

  markOpened(number: number): void {
    if (this.opened !== number) {
      this.tagForm.close();
      this.compareForm.close();
    }
    this.opened = number;
    this.versionList.markOpened(number);
    this.renderFooter();
  }

  /** Shows a saved tag at once, without asking the backend for the whole history again. */
  addTag(number: number, tag: string): void {
    const version = this.versions.find((v) => v.number === number);
    if (!version || version.tags.includes(tag)) return;
    version.tags = [...version.tags, tag].sort();
    this.versionList.setVersions(this.versions, this.opened);
  }

  /** The outcome of an "as of" pick, in words; `found` false styles it as "nothing then". */
  showAsOfResult(text: string, found: boolean): void {
    this.asOfResult.textContent = text;
    this.asOfResult.classList.toggle("as-of-none", !found);
    this.asOfResult.hidden = false;
  }

  /** A read-only library: versions can be looked at and compared, not restored or tagged. */
  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.renderFooter();
  }

  clearAsOf(): void {
    this.asOfInput.value = "";
    this.asOfResult.textContent = "";
    this.asOfResult.hidden = true;
  }

  private build(): void {
    const title = element("h2", "panel-title", "History");
    title.id = "history-title";
    this.panel.setAttribute("aria-labelledby", title.id);
    const close = this.closeButton;
    close.type = "button";
    close.title = "Hide history (Ctrl+H)";
    close.setAttribute("aria-label", "Hide history");
    close.addEventListener("click", () => this.setOpen(false, true));
    const header = element("header", "panel-header");
    header.append(title, this.count, close);

    this.asOfInput.type = "date";
    this.asOfInput.id = "as-of-date";
    this.asOfInput.addEventListener("change", () => {
      if (this.asOfInput.value) this.events.asOf(this.asOfInput.value);
      else this.clearAsOf();
    });
    const label = element("label", "as-of-label", "As of date");
    label.htmlFor = this.asOfInput.id;
    label.title = "Shows the version in force at the end of the chosen day (UTC)";
    const row = element("div", "as-of-row");
    row.append(label, element("span", "as-of-zone", "end of day, UTC"), this.asOfInput);
    this.asOfResult.id = "as-of-result";
    this.asOfResult.setAttribute("role", "status");
    const asOf = element("section", "as-of");
    asOf.append(row, this.asOfResult);

    this.list.id = "history-list";
    this.list.setAttribute("role", "listbox");
    this.list.tabIndex = 0;

    this.addTagButton.type = "button";
    this.addTagButton.addEventListener("click", () => {
      const version = this.openedVersion();
      if (!version) return;
      this.compareForm.close();
      this.tagForm.open(version.number, version.tags);
      this.renderFooter();
    });
    this.restoreButton.type = "button";
    this.restoreButton.addEventListener("click", () => void this.confirmRestore());
    const buttons = element("div", "history-buttons");
    buttons.append(this.addTagButton, this.restoreButton);
    this.comparePreviousButton.type = "button";
    this.comparePreviousButton.addEventListener("click", () => {
      if (this.opened !== null && this.opened > 1) this.events.compare(this.opened - 1, this.opened);
    });
    this.compareWithButton.type = "button";
    this.compareWithButton.addEventListener("click", () => {
      if (this.opened === null) return;
      this.tagForm.close();
      this.compareForm.open(this.versions, this.opened);
      this.renderFooter();
    });
    this.compareButtons.append(this.comparePreviousButton, this.compareWithButton);
    this.footer.append(this.note, buttons, this.compareButtons, this.tagForm.element, this.compareForm.element);

    this.panel.replaceChildren(header, asOf, this.placeholder, this.list, this.footer);
  }

  private openedVersion(): VersionInfo | undefined {
    return this.versions.find((v) => v.number === this.opened);
  }

  private latestVersion(): VersionInfo | undefined {
    return this.versions.at(-1);
  }

  /**
   * The note and buttons for the opened version; after a form closed by the user, focus goes
   * back to the button that opened it (`true` means "Add tag").
   */
  private renderFooter(refocus: boolean | HTMLButtonElement | null = false): void {
    const version = this.openedVersion();
    const latest = this.latestVersion();
    this.footer.hidden = !version || !latest;
    if (!version || !latest) return;
    const formOpen = this.tagForm.isOpen || this.compareForm.isOpen;
    this.addTagButton.hidden = formOpen;
    this.restoreButton.hidden = formOpen;
    this.compareButtons.hidden = formOpen;
    this.comparePreviousButton.disabled = version.number === 1;
    this.comparePreviousButton.title =
      version.number === 1 ? "v1 is the first version" : `What changed from v${version.number - 1} to v${version.number}`;
    this.compareWithButton.disabled = this.versions.length < 2;
    this.compareWithButton.title = "Pick two versions to compare";
    const isLatest = version.number === latest.number;
    // Same hash ⇒ same definition: restoring it would save nothing new.
    const sameAsLatest = !isLatest && version.hash === latest.hash;
    this.restoreButton.disabled = this.readOnly || isLatest || sameAsLatest;
    this.addTagButton.disabled = this.readOnly;
    this.restoreButton.title = this.readOnly
      ? "The library is read-only"
      : isLatest
        ? "This is the current version"
        : sameAsLatest
          ? `v${version.number} is identical to the current v${latest.number}`
          : `Save v${version.number} again as a new version, v${latest.number + 1}`;
    this.note.textContent = isLatest
      ? `v${version.number} is the current version.`
      : sameAsLatest
        ? `v${version.number} is open read-only; it is identical to the current v${latest.number}.`
        : `v${version.number} is open read-only.`;
    if (refocus === true) this.addTagButton.focus();
    else if (refocus) refocus.focus();
  }

  private async confirmRestore(): Promise<void> {
    const version = this.openedVersion();
    const latest = this.latestVersion();
    if (!version || !latest || version.number === latest.number) return;
    const next = latest.number + 1;
    const yes = await this.dialog.ask({
      title: `Restore version ${version.number}?`,
      body: `${this.processName} v${version.number} (saved ${utcTime(version.saved_at)} by ${version.author}) will be saved as a new version, v${next}, and become the current version.`,
      detail: `Nothing is deleted: versions 1–${latest.number} stay in the history as they are.`,
      confirm: `Restore as v${next}`,
    });
    if (yes) this.events.restore(version);
  }
}
