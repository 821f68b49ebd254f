import type { Backend, PickedBpmn } from "../backend";
import type { ProcessSummary } from "../generated/ProcessSummary";
import type { ConfirmDialog } from "./confirmDialog";
import type { FormDialog } from "./formDialog";

/** What the library actions need from the app around them. */
export interface LibraryHost {
  /** The process on screen and its newest version number (0: never saved). */
  shown(): { summary: ProcessSummary; latest: number } | null;
  processes(): readonly ProcessSummary[];
  /** Re-reads the process list (after something was added or archived). */
  refresh(): Promise<void>;
  /** Opens a process; `blank`: one just created blank, to be named and started on at once. */
  open(summary: ProcessSummary, blank?: boolean): Promise<void>;
  status(message: string): void;
  failed(error: unknown, message: string): void;
}

/**
 * The sidebar's actions on whole processes: new (blank or from a template), import a BPMN file,
 * duplicate, archive and bring back. Each asks in the page, calls the shell once, then opens or
 * relists what changed.
 */
export class LibraryActions {
  private readonly duplicateButton: HTMLButtonElement;
  private readonly archiveButton: HTMLButtonElement;
  /** New process and Import, which need a library that can be written. */
  private readonly adding: HTMLElement[];
  private readOnly = false;

  constructor(
    private readonly backend: Backend,
    private readonly form: FormDialog,
    private readonly dialog: ConfirmDialog,
    private readonly host: LibraryHost,
    buttons: { create: HTMLElement; importBpmn: HTMLElement; duplicate: HTMLButtonElement; archive: HTMLButtonElement },
  ) {
    this.duplicateButton = buttons.duplicate;
    this.archiveButton = buttons.archive;
    this.adding = [buttons.create, buttons.importBpmn];
    buttons.create.addEventListener("click", () => void this.newProcess());
    buttons.importBpmn.addEventListener("click", () => void this.importBpmn());
    this.duplicateButton.addEventListener("click", () => void this.duplicate());
    this.archiveButton.addEventListener("click", () => void this.archive());
  }

  /** Duplicate needs a saved version; Archive reads Unarchive for an archived process. */
  /** A read-only library: nothing is created, imported, duplicated or archived. */
  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.update();
  }

  update(): void {
    const shown = this.host.shown();
    for (const button of this.adding) button.toggleAttribute("disabled", this.readOnly);
    this.duplicateButton.disabled = this.readOnly || !shown || shown.latest === 0;
    this.archiveButton.disabled = this.readOnly || !shown;
    this.archiveButton.textContent = shown?.summary.archived ? "Unarchive" : "Archive";
  }

  async newProcess(): Promise<void> {
    const templates = this.host.processes().filter((p) => p.latest !== null);
    const options = [{ value: "", label: "Blank (one workflow)" }, ...templates.map((p) => ({ value: p.id, label: `Copy of ${p.name}` }))];
    const answer = await this.form.ask({
      title: "New process",
      text: { label: "Name", placeholder: "e.g. Invoice approval", required: "A process needs a name." },
      choice: { label: "Start from", options },
      buttons: [
        { label: "Create", value: "create", primary: true },
        { label: "Cancel", value: "cancel" },
      ],
    });
    if (answer.button === "create") await this.create(answer.text.trim(), answer.choice || null);
  }

  /**
   * File ▸ Import: a BPMN 2.0 file through the native dialog becomes a new process, then opens. A
   * file exported from a process of this library may instead become its next version: the user
   * picks, the match offered first. Never merged without asking.
   */
  async importBpmn(): Promise<void> {
    let picked: PickedBpmn | null;
    try {
      picked = await this.backend.pickBpmn();
    } catch (error) {
      this.host.failed(error, "The BPMN file was not imported");
      return;
    }
    if (picked !== null) await this.importPicked(picked, false);
  }

  /**
   * A BPMN file handed over at launch (`flowlane-app FILE`, a file manager's Open with): the same
   * import, but always asked first, since nobody chose it in this window.
   */
  async importHandedOver(picked: PickedBpmn): Promise<void> {
    if (this.readOnly) {
      this.host.failed({ code: "read_only", message: "this library is read-only; nothing can be imported into it" }, `${picked.name} was not imported`);
      return;
    }
    await this.importPicked(picked, true);
  }

  private async importPicked(picked: PickedBpmn, ask: boolean): Promise<void> {
    let id: string;
    try {
      const into = await this.importTarget(picked, ask);
      if (into === undefined) {
        this.host.status(`${picked.name} was not imported`);
        return;
      }
      id = await this.backend.importBpmn(picked.path, into);
    } catch (error) {
      this.host.failed(error, "The BPMN file was not imported");
      return;
    }
    const summary = await this.relisted(id);
    if (summary) await this.host.open(summary);
    this.host.status(`Imported ${summary?.name ?? "the process"} as v${summary?.latest ?? "?"}`);
  }

  /**
   * The process a picked file becomes a version of: null for a new process, undefined if
   * cancelled. Asked when the file came from this library, leaves parts out, or `ask`.
   */
  private async importTarget(picked: PickedBpmn, ask: boolean): Promise<string | null | undefined> {
    const origin = picked.exported_from;
    // What the import leaves out (a shape of nothing, a default flow that is not there) is said first.
    const warnings = picked.warnings.length > 0 ? { warnings: picked.warnings } : {};
    const from = ask ? `From ${picked.path}. ` : "";
    if (!origin) {
      if (picked.warnings.length === 0 && !ask) return null;
      const leftOut = picked.warnings.length > 0 ? "; these parts point at nothing and are left out:" : ".";
      const answer = await this.form.ask({
        title: `Import ${picked.name}`,
        body: `${from}The file imports as a new process${leftOut}`,
        ...warnings,
        buttons: [
          { label: "Import", value: "import", primary: true },
          { label: "Cancel", value: "cancel" },
        ],
      });
      return answer.button === "import" ? null : undefined;
    }
    const answer = await this.form.ask({
      title: `Import ${picked.name}`,
      body: `${from}This file was exported from “${origin.name}” in this library.`,
      ...warnings,
      choice: {
        label: "Import as",
        options: [
          { value: origin.id, label: `New version of ${origin.name}` },
          { value: "", label: "New process" },
        ],
        value: origin.id,
      },
      buttons: [
        { label: "Import", value: "import", primary: true },
        { label: "Cancel", value: "cancel" },
      ],
    });
    if (answer.button !== "import") return undefined;
    return answer.choice || null;
  }

  private async duplicate(): Promise<void> {
    const shown = this.host.shown();
    if (!shown || shown.latest === 0) return;
    const answer = await this.form.ask({
      title: `Duplicate ${shown.summary.name}`,
      body: `The copy starts from v${shown.latest} with its own history.`,
      text: { label: "Name of the copy", value: `${shown.summary.name} (copy)`, required: "A process needs a name." },
      buttons: [
        { label: "Duplicate", value: "create", primary: true },
        { label: "Cancel", value: "cancel" },
      ],
    });
    if (answer.button === "create") await this.create(answer.text.trim(), shown.summary.id);
  }

  private async create(name: string, template: string | null): Promise<void> {
    try {
      const summary = await this.relisted(await this.backend.createProcess(name, template));
      if (summary) await this.host.open(summary, template === null);
    } catch (error) {
      this.host.failed(error, `${name} could not be created`);
    }
  }

  private async archive(): Promise<void> {
    const shown = this.host.shown();
    if (!shown) return;
    const { summary } = shown;
    const archived = !summary.archived;
    if (archived) {
      const body = "It moves to the end of the list, marked archived. Its versions stay and it can be brought back.";
      if (!(await this.dialog.ask({ title: `Archive ${summary.name}?`, body, confirm: "Archive" }))) return;
    }
    try {
      await this.backend.archiveProcess(summary.id, archived);
      await this.host.refresh();
      this.host.status(`${summary.name} ${archived ? "archived" : "brought back from the archive"}`);
      this.update();
    } catch (error) {
      this.host.failed(error, `${summary.name} could not be ${archived ? "archived" : "brought back"}`);
    }
  }

  /** Re-reads the list and finds the process `id` in it. */
  private async relisted(id: string): Promise<ProcessSummary | undefined> {
    await this.host.refresh();
    return this.host.processes().find((p) => p.id === id);
  }
}
