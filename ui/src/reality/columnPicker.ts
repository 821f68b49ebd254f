import type { ChosenColumns, LogPreview } from "../backend";
import { element } from "../panels/dom";

/** The columns a log is read by, in the order the picker offers them. */
export const ROLES = [
  { key: "case", label: "Case id", required: true },
  { key: "activity", label: "Activity", required: true },
  { key: "timestamp", label: "Timestamp", required: false },
  { key: "resource", label: "Resource", required: false },
  { key: "lifecycle", label: "Lifecycle", required: false },
] as const;

export type Role = (typeof ROLES)[number]["key"];

/** The choice the picker starts from: what the core detected (null where it found none). */
export function detectedChoice(preview: LogPreview): ChosenColumns {
  const d = preview.detected;
  return { case: d.case, activity: d.activity, timestamp: d.timestamp, resource: d.resource, lifecycle: d.lifecycle };
}

/** What still has to be chosen before the log can be read: the required columns left empty. */
export function missingRoles(choice: ChosenColumns): string[] {
  return ROLES.filter((r) => r.required && !choice[r.key]).map((r) => r.label);
}

/**
 * The CSV column picker: a select per role (detected columns preselected, "—" for none) above
 * the first rows, whose chosen columns are marked with their role. `changed` hears each choice.
 */
export class ColumnPicker {
  readonly root = element("div", "reality-columns");
  private choice: ChosenColumns;

  constructor(
    private readonly preview: LogPreview,
    private readonly changed: (choice: ChosenColumns) => void,
  ) {
    this.choice = detectedChoice(preview);
    this.render();
  }

  get chosen(): ChosenColumns {
    return { ...this.choice };
  }

  private render(): void {
    const { preview } = this;
    this.root.replaceChildren();
    const form = element("div", "reality-column-roles");
    for (const role of ROLES) {
      const label = element("label", "reality-column-role");
      label.append(element("span", undefined, role.required ? `${role.label} *` : role.label));
      const select = element("select");
      select.name = role.key;
      select.append(new Option("—", ""));
      for (const header of preview.headers) select.append(new Option(header, header));
      select.value = this.choice[role.key] ?? "";
      select.addEventListener("change", () => {
        this.choice = { ...this.choice, [role.key]: select.value || null };
        this.render();
        this.changed(this.chosen);
      });
      label.append(select);
      form.append(label);
    }
    const table = element("table", "reality-preview");
    const head = element("tr");
    const roleOf = (header: string) => ROLES.find((r) => this.choice[r.key] === header)?.label;
    for (const header of preview.headers) {
      const th = element("th", undefined, header);
      const role = roleOf(header);
      if (role) {
        th.classList.add("chosen");
        th.append(element("small", undefined, role));
      }
      head.append(th);
    }
    table.append(head);
    for (const row of preview.rows) {
      const tr = element("tr");
      row.forEach((cell, i) => {
        const td = element("td", undefined, cell);
        if (roleOf(preview.headers[i] ?? "")) td.classList.add("chosen");
        tr.append(td);
      });
      table.append(tr);
    }
    const scroller = element("div", "reality-preview-scroll");
    scroller.append(table);
    this.root.append(form, scroller);
  }
}
