import type { Opened } from "../backend";
import { changedElements } from "../editor/applyPatch";
import { EditorDocument } from "../editor/document";
import type { EditState } from "../generated/EditState";
import type { Patch } from "../generated/Patch";
import type { Process } from "../generated/Process";
import type { ProcessSummary } from "../generated/ProcessSummary";
import { NO_NAMES, type Names } from "../names";
import { autosaveFailureNotice, readOnlyNotice, staleDraftNotice } from "./libraryWatch";
import { saveVersionButton } from "./versionActions";
import { settle, showVersion, showWorkingCopy } from "./mode";
import { fail, note, say, type Parts } from "./parts";

/** The process on screen and which of its versions the canvas shows. */
export interface Shown {
  summary: ProcessSummary;
  /** Newest version number known; anything older is opened read-only. */
  latest: number;
  /** The version on the canvas, once loaded. */
  version: number | null;
  /** Its definition, once loaded. */
  process: Process | null;
  /** What a person reads for each of its elements, as the core describes them. */
  names: Names;
  /** The working copy, open in the background while other versions are looked at. */
  doc: EditorDocument | null;
}

/** What the workspace asks of the rest of the app. */
export interface WorkspaceHooks {
  /** The draft note's "Discard draft" was pressed. */
  discardDraft(): void;
  /** A working copy was just put on the canvas (the conflict marks follow it). */
  workingCopyShown(): void;
  /** Another process is shown: the open history panel must be refilled. */
  historyStale(): void;
  /** The stale-draft flag's "Compare" was pressed: the draft's base version against the newer one. */
  compare(from: number, to: number): void;
}

/** Remembered across runs so the app reopens what was being edited (e.g. after a crash). */
const LAST_PROCESS_KEY = "flowlane.lastProcess";

/**
 * The library's processes and the one on screen: opening a process, loading a saved version
 * (read-only when older) or the working copy, and keeping the chrome that follows the working
 * copy (undo/redo, Save version, the window title, the draft note) up to date.
 */
export class Workspace {
  shown: Shown | null = null;
  processes: ProcessSummary[] = [];
  /** Why the library cannot be written, when it was opened read-only: nothing is edited then. */
  readOnly: string | null = null;
  /** Only the newest load may update the screen; a slower earlier answer is dropped. */
  private loadTicket = 0;
  /** The newer version whose stale-draft flag was answered "Keep editing", by process. */
  private readonly keptDespite = new Map<string, number>();

  constructor(
    private readonly parts: Parts,
    private readonly hooks: WorkspaceHooks,
  ) {}

  /** A new ticket; a load holding an older one must not touch the screen. */
  nextTicket(): number {
    return ++this.loadTicket;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.loadTicket;
  }

  /** The last process opened in an earlier run, if the library still has it. */
  lastOpened(): ProcessSummary | undefined {
    return this.processes.find((p) => p.id === localStorage.getItem(LAST_PROCESS_KEY));
  }

  setProcesses(processes: ProcessSummary[]): void {
    this.processes = processes;
    this.parts.list.setProcesses(processes);
  }

  /** A read-only library: the banner says why, and every process opens as a saved version, read-only. */
  setReadOnly(why: string | null): void {
    const { screen, libraryActions } = this.parts;
    this.readOnly = why;
    screen.readOnlyBanner.hidden = why === null;
    screen.readOnlyBanner.textContent = why === null ? "" : readOnlyNotice(why);
    document.body.dataset.readOnly = String(why !== null);
    libraryActions.setReadOnly(why !== null);
    this.parts.history.setReadOnly(why !== null);
  }

  async open(summary: ProcessSummary): Promise<void> {
    const { parts } = this;
    parts.list.markSelected(summary.id);
    if (this.shown?.summary.id !== summary.id) parts.folding.processOpened();
    this.shown?.doc?.close();
    this.shown = { summary, latest: summary.latest ?? 0, version: null, process: null, names: NO_NAMES, doc: null };
    // Whatever was layered over the previous process ends (a comparison may reopen the history).
    parts.modes.go(settle);
    localStorage.setItem(LAST_PROCESS_KEY, summary.id);
    if (parts.history.isOpen) this.hooks.historyStale();
    await this.openVersion();
  }

  /** Shows version `number` of the shown process, or its latest; older versions are read-only. */
  async openVersion(number?: number, { keepAsOf = false } = {}): Promise<void> {
    const { parts } = this;
    const shown = this.shown;
    if (!shown) return;
    const ticket = this.nextTicket();
    const name = shown.summary.name;
    parts.modes.go(settle);
    if (!keepAsOf) parts.history.clearAsOf();
    say(parts, number === undefined ? `Loading ${name}…` : `Loading ${name} v${number}…`);
    if (this.readOnly === null && (number === undefined || (number === shown.latest && shown.doc))) {
      await this.openWorkingCopy(ticket);
      return;
    }
    try {
      const loaded = await parts.backend.loadProcess(shown.summary.id, number);
      if (ticket !== this.loadTicket) return;
      const { process, version, names } = loaded;
      shown.latest = Math.max(shown.latest, number === undefined ? version.number : 0);
      shown.version = version.number;
      shown.process = process;
      shown.names = names;
      this.enableVersionTools(true);
      const readOnly = this.readOnly !== null || version.number < shown.latest;
      parts.modes.go((s) => showVersion(s, shown.summary.id, version.number, readOnly));
      this.revealCanvas();
      parts.header.show(loaded, shown.latest);
      parts.canvas.show(process, { number: version.number, readOnly });
      parts.editor.open(null, true);
      parts.properties.show(process, names, [], true);
      parts.screen.draftNote.hidden = true;
      parts.screen.staleDraft.hidden = true;
      this.setEditState(null);
      parts.screen.canvasHost.classList.toggle("read-only", readOnly);
      parts.history.markOpened(version.number);
      const state = this.readOnly !== null ? " (read-only library)" : readOnly ? ` (read-only; current is v${shown.latest})` : "";
      say(parts, `${process.info.name} v${version.number}${state} · ${process.lanes.length} workflows · ${process.nodes.length} steps · ${process.flows.length} flows`);
      parts.validation.changed({ id: shown.summary.id, version: version.number });
    } catch (error) {
      if (ticket !== this.loadTicket) return;
      const what = number === undefined ? name : `${name} v${number}`;
      fail(parts, error, `${what} could not be loaded`);
      say(parts, `${what} could not be loaded`);
    }
  }

  /** The process's working copy (its draft, or its latest version) in the editor. */
  private async openWorkingCopy(ticket: number): Promise<void> {
    const { parts } = this;
    const shown = this.shown!;
    const name = shown.summary.name;
    let opened: Opened;
    try {
      opened = await parts.backend.openEditor(shown.summary.id);
    } catch (error) {
      if (ticket !== this.loadTicket) return;
      fail(parts, error, `${name} could not be opened`);
      say(parts, `${name} could not be opened`);
      return;
    }
    if (ticket !== this.loadTicket) return;
    shown.doc?.close();
    const doc = new EditorDocument(parts.backend, opened, {
      changed: (process, patch) => this.workingCopyChanged(doc, process, patch),
      state: (state) => this.setEditState(state),
      autosaved: (result) => {
        if (result !== true) {
          parts.banner.show(result, autosaveFailureNotice(result), "autosave");
          return;
        }
        // The retry after a failed autosave went through: its banner goes.
        parts.banner.clear("autosave");
        note(parts, `Draft saved ${new Date().toLocaleTimeString()}`);
      },
      refused: (error, what) => parts.banner.show(error, `${what} was not made`),
    });
    shown.doc = doc;
    shown.process = opened.process;
    shown.names = opened.names;
    shown.version = opened.base_version;
    shown.latest = opened.latest?.number ?? 0;
    this.enableVersionTools(opened.base_version !== null);
    parts.modes.go((s) => showWorkingCopy(s, shown.summary.id));
    this.revealCanvas();
    parts.header.showWorkingCopy(opened.process.info, opened.latest ?? undefined, opened.unsaved);
    parts.canvas.show(opened.process, { number: opened.base_version ?? 0, readOnly: false });
    parts.screen.canvasHost.classList.remove("read-only");
    parts.editor.open(doc, false);
    parts.history.markOpened(opened.base_version ?? 0);
    this.setEditState(doc.state);
    this.describeDraft(opened);
    this.flagStaleDraft();
    say(parts, `${opened.process.info.name} · ${opened.process.lanes.length} workflows · ${opened.process.nodes.length} steps · ${opened.process.flows.length} flows`);
    parts.validation.changed({ id: shown.summary.id, version: null });
    this.hooks.workingCopyShown();
  }

  /** A process is on the canvas: the banner of an earlier failure and the empty state go. */
  revealCanvas(): void {
    this.parts.banner.hide();
    this.parts.screen.emptyState.hidden = true;
    this.parts.screen.zoomControls.hidden = false;
  }

  /** Simulate, what-if and export work on saved versions: off for a process never saved. */
  enableVersionTools(enabled: boolean): void {
    const { parts } = this;
    parts.screen.simulateToggle.disabled = !enabled;
    parts.exportMenu.setEnabled(enabled);
    parts.screen.batchOpen.disabled = !enabled;
    parts.screen.realityOpen.disabled = !enabled;
    parts.libraryActions.update();
  }

  /** Says when the canvas shows a draft left by an earlier run rather than a saved version. */
  private describeDraft(opened: Opened): void {
    const note = this.parts.screen.draftNote;
    if (opened.recovered_draft) {
      const when = new Date(opened.recovered_draft).toLocaleString();
      note.textContent = opened.base_version === null ? `Draft from ${when}, never saved as a version.` : `Recovered unsaved changes from ${when} (on top of v${opened.base_version}).`;
      note.hidden = false;
      const discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button draft-discard";
      discard.textContent = "Discard draft";
      discard.addEventListener("click", () => this.hooks.discardDraft());
      if (opened.base_version !== null) note.append(" ", discard);
    } else {
      note.hidden = true;
    }
  }

  /**
   * Flags a working copy whose process gained a newer version elsewhere since its base version
   * (seen by the library watch or at open): compare the two, or keep editing (saving still asks).
   */
  flagStaleDraft(): void {
    const flag = this.parts.screen.staleDraft;
    const shown = this.shown;
    const latest = Math.max(shown?.latest ?? 0, shown?.summary.latest ?? 0);
    const kept = shown && this.keptDespite.get(shown.summary.id) === latest;
    const notice = shown?.doc && !kept ? staleDraftNotice(shown.version, latest) : null;
    flag.hidden = notice === null;
    if (shown?.doc) {
      shown.latest = latest;
      this.showSaveVersion(shown.doc.state);
    }
    if (!shown || notice === null) return;
    const button = (text: string, className: string, act: () => void) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = `button ${className}`;
      b.textContent = text;
      b.addEventListener("click", act);
      return b;
    };
    const base = shown.version;
    const compare = button("Compare", "stale-compare", () => this.hooks.compare(base ?? latest, latest));
    compare.hidden = base === null;
    const keep = button("Keep editing", "stale-keep", () => {
      this.keptDespite.set(shown.summary.id, latest);
      flag.hidden = true;
    });
    flag.dataset.latest = String(latest);
    flag.replaceChildren(notice, " ", compare, " ", keep);
  }

  private workingCopyChanged(doc: EditorDocument, process: Process, patch: Patch): void {
    const { parts } = this;
    const shown = this.shown;
    if (!shown || shown.doc !== doc) return;
    shown.process = process;
    shown.names = doc.names;
    parts.canvas.show(process, { number: shown.version ?? 0, readOnly: false }, changedElements(patch));
    // No key pressed before the panels follow may act on a removed step.
    parts.editor.keepDrawnSelection();
    // The canvas draws at the end of this task; the panels follow in the next, so their layout
    // does not hold back the frame that shows the edit.
    setTimeout(() => {
      if (this.shown !== shown || shown.doc !== doc) return;
      parts.editor.redrawn();
      parts.header.showWorkingCopy(process.info, null, doc.state.unsaved);
      this.nameUndoRedo();
      parts.validation.changed({ id: shown.summary.id, version: null });
    }, 0);
  }

  /** The editor's selection changed: the properties panel shows it. */
  showProperties(ids: readonly string[]): void {
    const { parts } = this;
    const shown = this.shown;
    const { mode } = parts.modes;
    // Two files compared: the canvas shows the newer file, not the process of the library.
    if (mode.kind === "compare" && mode.process === null) {
      parts.folding.selectionChanged(ids.length > 0);
      parts.properties.show(mode.comparison.new.process, mode.comparison.new.names, ids, true);
      return;
    }
    if (!shown?.process) return;
    parts.folding.selectionChanged(ids.length > 0);
    parts.libraryActions.update();
    parts.properties.show(shown.process, shown.names, ids, !shown.doc);
    parts.problems.reveal(ids[0] ?? null);
  }

  /** Undo/redo buttons, Save version and the window title follow the working copy's state. */
  setEditState(state: EditState | null): void {
    const { parts } = this;
    parts.screen.undo.disabled = !state?.can_undo;
    parts.screen.redo.disabled = !state?.can_redo;
    this.nameUndoRedo();
    this.showSaveVersion(state);
    const name = this.shown?.process?.info.name;
    const title = name ? `${state?.unsaved ? "● " : ""}${name} — Flowlane` : "Flowlane";
    document.body.dataset.unsaved = String(!!state?.unsaved);
    // The window's title is set on the shell's main thread, which also presents frames: only a
    // change is sent (an undo or redo mostly leaves it as it was).
    if (document.title !== title) {
      document.title = title;
      void parts.backend.setTitle(title).catch(() => undefined);
    }
    if (state && this.shown?.process) parts.header.showWorkingCopy(this.shown.process.info, null, state.unsaved);
  }

  /** The Undo and Redo tooltips name what they would take back or bring back. */
  private nameUndoRedo(): void {
    const doc = this.shown?.doc;
    const { undo, redo } = this.parts.screen;
    const undoLabel = doc?.undoLabel;
    const redoLabel = doc?.redoLabel;
    undo.title = undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : "Undo (Ctrl+Z)";
    redo.title = redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : "Redo (Ctrl+Shift+Z)";
    undo.dataset.action = undoLabel ?? "";
    redo.dataset.action = redoLabel ?? "";
  }

  /** Save version is off, saying why, when there is no working copy or it equals the latest version. */
  private showSaveVersion(state: EditState | null): void {
    const { disabled, title } = saveVersionButton(state, this.shown?.version ?? null, this.shown?.latest ?? 0);
    this.parts.screen.saveVersion.disabled = disabled;
    this.parts.screen.saveVersion.title = title;
  }

  /** The sidebar shows each process's latest number, so it is reread after a save. */
  async refreshProcessList(): Promise<void> {
    try {
      const overview = await this.parts.backend.libraryOverview();
      this.setProcesses(overview.processes);
      const shown = this.shown;
      const summary = shown && overview.processes.find((p) => p.id === shown.summary.id);
      if (shown && summary) shown.summary = summary;
    } catch (error) {
      fail(this.parts, error, "The process list could not be refreshed");
    }
  }
}
