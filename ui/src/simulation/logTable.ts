import type { LogFormat } from "../generated/LogFormat";
import type { LogRow } from "./logRows";

const COLUMNS: Array<[keyof LogRow, string]> = [
  ["step", "#"],
  ["time", "Simulated time (UTC)"],
  ["lane", "Lane"],
  ["actor", "Actor"],
  ["node", "Node"],
  ["event", "Event"],
  ["reason", "Reason"],
];

/**
 * The run's log under the canvas (`#sim-log`), SLA breaches in red, with export as CSV or
 * Markdown to a file the user picks in the native save dialog, or to the clipboard.
 */
export class LogTable {
  private readonly body = document.createElement("tbody");
  private readonly exportRow = document.createElement("div");
  private readonly message = document.createElement("span");
  private format: "csv" | "markdown" = "csv";

  constructor(
    readonly element: HTMLElement,
    private readonly render: (format: LogFormat) => Promise<string | null>,
    private readonly save: (format: "csv" | "markdown") => Promise<string | null>,
  ) {
    element.className = "sim-log";
    const header = document.createElement("div");
    header.className = "sim-log-header";
    header.innerHTML = `<h3 class="panel-title">Log</h3>`;
    for (const [format, label] of [["csv", "Export CSV…"], ["markdown", "Export Markdown…"]] as const) {
      const button = document.createElement("button");
      button.type = "button";
      button.id = `sim-export-${format}`;
      button.className = "sim-export";
      button.textContent = label;
      button.addEventListener("click", () => void this.export(format));
      header.append(button);
    }
    this.exportRow.className = "sim-export-result";
    this.exportRow.hidden = true;
    this.message.className = "sim-export-message";
    const copy = document.createElement("button");
    copy.type = "button";
    copy.className = "sim-copy";
    copy.textContent = "Copy to clipboard";
    copy.addEventListener("click", () => void this.copy());
    this.exportRow.append(this.message, copy);
    header.append(this.exportRow);
    const table = document.createElement("table");
    const head = document.createElement("thead");
    head.innerHTML = `<tr>${COLUMNS.map(([, label]) => `<th scope="col">${label}</th>`).join("")}</tr>`;
    table.append(head, this.body);
    const scroller = document.createElement("div");
    scroller.className = "sim-log-scroll";
    scroller.append(table);
    element.append(header, scroller);
  }

  show(rows: readonly LogRow[]): void {
    this.body.replaceChildren(
      ...rows.map((row) => {
        const tr = document.createElement("tr");
        tr.dataset.step = String(row.step);
        if (row.breach) {
          tr.classList.add("sim-breach");
          tr.title = row.breach;
        }
        for (const [key] of COLUMNS) tr.append(Object.assign(document.createElement("td"), { textContent: String(row[key]) }));
        return tr;
      }),
    );
    this.body.lastElementChild?.scrollIntoView({ block: "nearest" });
  }

  /** Forgets the last export. */
  reset(): void {
    this.exportRow.hidden = true;
  }

  private async export(format: "csv" | "markdown"): Promise<void> {
    const path = await this.save(format);
    if (path === null) return;
    this.format = format;
    this.message.textContent = `Saved to ${path}`;
    this.message.dataset.path = path;
    this.exportRow.hidden = false;
  }

  private async copy(): Promise<void> {
    const text = await this.render(this.format);
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      this.message.textContent = "Copied";
    } catch {
      this.message.textContent = "The clipboard is not available here";
    }
  }
}
