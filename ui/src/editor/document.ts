import { toCommandError, type Backend, type Command, type CommandError, type Edited, type Opened } from "../backend";
import type { EditState } from "../generated/EditState";
import type { Patch } from "../generated/Patch";
import type { Process } from "../generated/Process";
import type { Names } from "../names";
import { applyPatch } from "./applyPatch";
import { commandLabel } from "./commandLabel";

/** How an applied call moves the Undo/Redo names: a new edit, an undo or a redo. */
type Step = { edit: () => string } | "undo" | "redo";

/** How soon after the last change the draft is written (the promise to users is within 1 s). */
export const AUTOSAVE_DELAY_MS = 400;

export interface DocumentEvents {
  /** The working copy changed (an edit, undo or redo): redraw from `process`. */
  changed(process: Process, patch: Patch): void;
  /** Undo/redo availability or the unsaved flag changed. */
  state(state: EditState): void;
  /** The draft was written (true) or could not be (the error). */
  autosaved(result: true | CommandError): void;
  /** A gesture was refused by the core; nothing changed. */
  refused(error: CommandError, what: string): void;
}

/**
 * One process open for editing: the UI's copy of the core's working copy. Every change goes
 * through the core as a command and comes back as a patch, applied here in the order sent, so
 * quick gestures never overtake each other. The draft is written shortly after the last change.
 */
export class EditorDocument {
  private current: Process;
  /** The core's labels of the working copy's elements, as of the last change. */
  private labels: Names;
  private editState: EditState;
  /** Calls to the core run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private autosaveTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** What each undo and redo would take back or bring back, newest last (this session's edits only). */
  private readonly undoLabels: string[] = [];
  private readonly redoLabels: string[] = [];

  constructor(
    private readonly backend: Backend,
    opened: Opened,
    private readonly events: DocumentEvents,
  ) {
    this.current = opened.process;
    this.labels = opened.names;
    this.editState = { can_undo: opened.can_undo, can_redo: opened.can_redo, unsaved: opened.unsaved };
  }

  get id(): string {
    return this.current.id;
  }

  get process(): Process {
    return this.current;
  }

  /** What a person reads for each element of the working copy (see `names.ts`). */
  get names(): Names {
    return this.labels;
  }

  get state(): EditState {
    return this.editState;
  }

  /** What Undo would take back ("add “Submit request”"), null when unknown (an edit of an earlier session) or none. */
  get undoLabel(): string | null {
    return this.editState.can_undo ? (this.undoLabels.at(-1) ?? null) : null;
  }

  get redoLabel(): string | null {
    return this.editState.can_redo ? (this.redoLabels.at(-1) ?? null) : null;
  }

  /** Carries out one gesture; resolves true when the core applied it. */
  run(command: Command, what = "The change"): Promise<boolean> {
    return this.enqueue(() => this.backend.editProcess(this.id, command), what, { edit: () => commandLabel(command, this.current) });
  }

  /** Tidy up: the core lays the working copy out (or only `selection`), then applies it as one gesture. */
  tidyUp(selection: string[]): Promise<boolean> {
    return this.enqueue(async () => {
      const layout = await this.backend.arrangeProcess(this.id, selection);
      return this.backend.editProcess(this.id, { command: "arrange", layout });
    }, "Tidy up", { edit: () => "tidy up" });
  }

  undo(): Promise<boolean> {
    return this.enqueue(() => this.backend.undoEdit(this.id), "Undo", "undo");
  }

  redo(): Promise<boolean> {
    return this.enqueue(() => this.backend.redoEdit(this.id), "Redo", "redo");
  }

  /** Writes the draft now if a change is pending (before saving a version or closing). */
  async flush(): Promise<void> {
    if (this.autosaveTimer === null) return this.queue.then(() => undefined);
    clearTimeout(this.autosaveTimer);
    this.autosaveTimer = null;
    await this.saveDraft();
  }

  /** Marks the working copy as saved as a version (after `saveProcessVersion`). */
  versionSaved(state: EditState): void {
    this.setState(state);
  }

  /** Stops autosaving (the process was closed or discarded). */
  close(): void {
    this.closed = true;
    if (this.autosaveTimer !== null) clearTimeout(this.autosaveTimer);
    this.autosaveTimer = null;
  }

  private enqueue(call: () => Promise<Edited | null>, what: string, step: Step): Promise<boolean> {
    const done = this.queue.then(async () => {
      if (this.closed) return false;
      let edited: Edited | null;
      try {
        edited = await call();
      } catch (error) {
        this.events.refused(toCommandError(error), what);
        return false;
      }
      if (!edited) return false;
      this.setState(edited);
      if (edited.names) this.labels = edited.names;
      if (edited.patch.changes.length === 0) return true;
      this.moveLabels(step);
      // The working copy is this document's alone (`workspace.ts` only ever shows the newest).
      this.current = applyPatch(this.current, edited.patch, true);
      this.events.changed(this.current, edited.patch);
      this.scheduleAutosave();
      return true;
    });
    this.queue = done;
    return done;
  }

  private moveLabels(step: Step): void {
    if (step === "undo") {
      const label = this.undoLabels.pop();
      if (label !== undefined) this.redoLabels.push(label);
    } else if (step === "redo") {
      const label = this.redoLabels.pop();
      if (label !== undefined) this.undoLabels.push(label);
    } else {
      this.undoLabels.push(step.edit());
      this.redoLabels.length = 0;
    }
  }

  private setState(state: EditState): void {
    const next = { can_undo: state.can_undo, can_redo: state.can_redo, unsaved: state.unsaved };
    const same = next.can_undo === this.editState.can_undo && next.can_redo === this.editState.can_redo && next.unsaved === this.editState.unsaved;
    this.editState = next;
    if (!same) this.events.state(next);
  }

  private scheduleAutosave(): void {
    if (this.autosaveTimer !== null) clearTimeout(this.autosaveTimer);
    this.autosaveTimer = setTimeout(() => {
      this.autosaveTimer = null;
      void this.saveDraft();
    }, AUTOSAVE_DELAY_MS);
  }

  private saveDraft(): Promise<void> {
    const saved = this.queue.then(async () => {
      if (this.closed) return;
      try {
        this.setState(await this.backend.saveDraft(this.id));
        this.events.autosaved(true);
      } catch (error) {
        this.events.autosaved(toCommandError(error));
      }
    });
    this.queue = saved;
    return saved;
  }
}
