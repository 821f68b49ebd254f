import type { VersionInfo } from "../backend";
import { element } from "./dom";
import { utcTime } from "./format";
import { Listbox } from "./listbox";

/** The two tags compliance looks for get their own colours. */
const TAG_CLASSES: Record<string, string> = { approved: "tag-approved", "in production": "tag-production" };

/**
 * The versions of one process, newest first, as a keyboard listbox: number, message, author,
 * UTC time, who signed it once shared, and tags, with the latest marked "current" and the opened one selected.
 */
export class VersionList {
  private readonly listbox: Listbox<VersionInfo>;
  private latest = 0;

  constructor(list: HTMLUListElement, onChoose: (version: VersionInfo) => void) {
    this.listbox = new Listbox(list, {
      key: (v) => String(v.number),
      render: (v) => this.renderRow(v),
      onChoose,
      idPrefix: "history-option-",
    });
  }

  /** `versions` as the backend gives them, oldest first. */
  setVersions(versions: readonly VersionInfo[], opened: number | null): void {
    this.latest = versions.reduce((max, v) => Math.max(max, v.number), 0);
    this.listbox.setItems([...versions].reverse());
    this.listbox.markSelected(opened === null ? null : String(opened));
  }

  markOpened(number: number | null): void {
    this.listbox.markSelected(number === null ? null : String(number));
  }

  private renderRow(version: VersionInfo): HTMLLIElement {
    const row = element("li", "version-item");
    row.dataset.version = String(version.number);
    const isCurrent = version.number === this.latest;
    if (isCurrent) row.classList.add("version-current");
    row.title = `Version ${version.number}, saved ${version.saved_at}\nsha256 ${version.hash}`;

    const headline = element("div", "version-headline");
    headline.append(element("span", "version-message", version.message || "No message"));
    if (isCurrent) headline.append(element("span", "current-marker", "current"));

    const time = element("time", "version-time", utcTime(version.saved_at));
    time.dateTime = version.saved_at;
    const meta = element("div", "version-meta");
    meta.append(element("span", "version-author", version.author), element("span", "meta-separator", " · "), time);

    const body = element("div", "version-body");
    body.append(headline, meta);
    if (version.signed_by !== null) {
      // The commit's signature was checked against the shared repository's allowed signers.
      const mark = element("div", "signed-mark", `✔ signed by ${version.signed_by}`);
      mark.title = `The shared commit of this version carries a good signature by ${version.signed_by}, an allowed signer`;
      body.append(mark);
    }
    if (version.tags.length > 0) {
      const chips = element("div", "tag-chips");
      chips.setAttribute("aria-label", "Tags");
      for (const tag of version.tags) {
        const chip = element("span", `tag-chip ${TAG_CLASSES[tag] ?? ""}`.trimEnd(), tag);
        chip.dataset.tag = tag;
        chips.append(chip);
      }
      body.append(chips);
    }
    row.append(element("span", "version-badge", `v${version.number}`), body);
    return row;
  }
}
