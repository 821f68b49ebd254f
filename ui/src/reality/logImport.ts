import type { Backend, ChosenColumns, ImportedLog, LogPreview } from "../backend";
import { element } from "../panels/dom";
import { ColumnPicker, missingRoles } from "./columnPicker";

/** What the import reports back to the panel. */
export interface ImportEvents {
  imported: (imported: ImportedLog) => void;
  failed: (error: unknown, message: string) => void;
  status: (message: string) => void;
}

/**
 * "Import log…": the native open dialog, then for a CSV the column picker over its first rows
 * (an XES log names its own columns: its figures are shown), then the import with a progress bar
 * and Cancel. A log that cannot be read is reported with its line or event and stores nothing.
 */
export class LogImport {
  readonly root = element("section", "reality-import");
  private busy = false;

  constructor(
    private readonly backend: Backend,
    private readonly process: () => string | null,
    private readonly events: ImportEvents,
  ) {
    this.root.hidden = true;
  }

  async start(): Promise<void> {
    if (this.busy) return;
    let path: string | null;
    try {
      path = await this.backend.pickLog();
    } catch (error) {
      this.events.failed(error, "The log could not be picked");
      return;
    }
    if (path) await this.preview(path, { case: null, activity: null, timestamp: null, resource: null, lifecycle: null });
  }

  /** Shows what `path` holds before anything is stored. */
  async preview(path: string, columns: ChosenColumns): Promise<void> {
    let preview: LogPreview;
    try {
      preview = await this.backend.previewLog(path, columns);
    } catch (error) {
      this.events.failed(error, "The log could not be read");
      return;
    }
    const name = path.split(/[\\/]/).pop() ?? path;
    this.root.replaceChildren(element("h3", undefined, `Import ${name}`));
    this.root.hidden = false;
    const note = element("p", "reality-note");
    const importButton = element("button", "primary-button", "Import");
    importButton.type = "button";
    importButton.dataset.action = "import-log";
    const cancel = element("button", "panel-button", "Cancel");
    cancel.type = "button";
    cancel.addEventListener("click", () => this.close());
    let picker: ColumnPicker | null = null;
    const check = (choice: ChosenColumns) => {
      const missing = missingRoles(choice);
      importButton.disabled = missing.length > 0;
      note.textContent = missing.length > 0 ? `Choose the column for: ${missing.join(", ")}.` : "The chosen columns are marked in the rows below.";
    };
    if (preview.format === "csv") {
      picker = new ColumnPicker(preview, check);
      check(picker.chosen);
      this.root.append(note, picker.root);
    } else {
      const f = preview.figures;
      note.textContent = f ? `XES log: ${f.cases} cases, ${f.events} events, ${f.activities} activities, ${f.variants} variants.` : "XES log.";
      this.root.append(note);
    }
    const actions = element("div", "reality-actions");
    actions.append(importButton, cancel);
    this.root.append(actions);
    importButton.addEventListener("click", () => void this.run(path, picker?.chosen ?? columns));
  }

  private async run(path: string, columns: ChosenColumns): Promise<void> {
    const process = this.process();
    if (!process || this.busy) return;
    this.busy = true;
    const bar = element("progress", "reality-progress");
    bar.max = 1;
    bar.value = 0;
    const label = element("span", "reality-note", "Reading…");
    const stop = element("button", "panel-button", "Cancel import");
    stop.type = "button";
    stop.dataset.action = "cancel-import";
    stop.addEventListener("click", () => void this.backend.cancelLogImport());
    const row = element("div", "reality-actions");
    row.append(bar, label, stop);
    this.root.querySelector(".reality-actions")?.replaceWith(row);
    try {
      const imported = await this.backend.importLog(process, path, columns, (p) => {
        bar.value = p.total > 0 ? Math.min(1, p.bytes / p.total) : 0;
        label.textContent = `${p.events.toLocaleString("en")} events read`;
      });
      this.close();
      this.events.imported(imported);
    } catch (error) {
      const cancelled = (error as { code?: string }).code === "cancelled";
      if (cancelled) this.events.status("Import cancelled; nothing was stored");
      else this.events.failed(error, "The log was not imported");
      this.close();
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.root.hidden = true;
    this.root.replaceChildren();
  }
}
