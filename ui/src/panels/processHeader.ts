import type { FileComparison, LoadedVersion, VersionInfo } from "../backend";
import type { ProcessInfo } from "../generated/ProcessInfo";
import { element } from "./dom";
import { categoryLabel, savedDay } from "./format";

/** The top bar: which process and which saved version the canvas shows. */
export class ProcessHeader {
  /** The saved version the working copy is based on, kept between edits. */
  private base: VersionInfo | null = null;

  constructor(
    private readonly bar: HTMLElement,
    private readonly onBackToLatest: () => void,
  ) {}

  /** `latest` is the newest version number; anything older is shown as read-only. */
  show({ process, version }: LoadedVersion, latest: number): void {
    const parts = describe(process.info);

    const readOnly = version.number < latest;
    const saved = element(
      "span",
      "process-version",
      readOnly ? `saved ${savedDay(version.saved_at)} by ${version.author}` : `v${version.number} · saved ${savedDay(version.saved_at)} by ${version.author}`,
    );
    saved.title = version.message ? `${version.message}\n${version.hash}` : version.hash;
    if (readOnly) {
      const badge = element("span", "read-only-badge", `v${version.number} · read-only`);
      badge.title = `An older version: the current one is v${latest}. Nothing here can be changed.`;
      const back = element("button", "button back-to-latest", `Back to latest (v${latest})`);
      back.type = "button";
      back.addEventListener("click", this.onBackToLatest);
      parts.push(badge, saved, back);
    } else {
      parts.push(saved);
    }
    this.bar.replaceChildren(...parts);
  }

  /**
   * The working copy being edited: its latest saved version (null keeps the one shown before)
   * and whether it has changes not saved as a version.
   */
  showWorkingCopy(info: ProcessInfo, latest: VersionInfo | null | undefined, unsaved: boolean): void {
    if (latest !== null) this.base = latest ?? null;
    const base = this.base;
    const parts = describe(info);
    const saved = base
      ? element("span", "process-version", `v${base.number} · saved ${savedDay(base.saved_at)} by ${base.author}`)
      : element("span", "process-version", "no version yet");
    if (base) saved.title = base.message ? `${base.message}\n${base.hash}` : base.hash;
    parts.push(saved);
    if (unsaved) {
      const badge = element("span", "unsaved-badge", "unsaved");
      badge.title = "Changes not saved as a version. They are kept as a draft automatically; Save version (Ctrl+S) makes them permanent.";
      // Beside the name and category, so it stays in view when the facts and version give way.
      parts.splice(2, 0, badge);
    }
    this.bar.replaceChildren(...parts);
  }

  /** Compare mode: the newer version is on the canvas, compared with `old`. */
  showComparison(old: VersionInfo, { process, version }: LoadedVersion): void {
    const badge = element("span", "compare-badge", `v${old.number} → v${version.number}`);
    badge.title = `Comparing v${old.number} (${savedDay(old.saved_at)}, ${old.author}) with v${version.number} (${savedDay(version.saved_at)}, ${version.author})`;
    const saved = element("span", "process-version", `v${version.number} saved ${savedDay(version.saved_at)} by ${version.author}`);
    this.bar.replaceChildren(...describe(process.info), badge, saved);
  }

  /** Two files compared: the newer one's facts, and (in the tooltip) both paths and that nothing is stored. */
  showFiles({ old, new: now }: FileComparison): void {
    const badge = element("span", "compare-badge", "Files");
    badge.title = `Comparing ${old.source} with ${now.source}: read-only, nothing is stored in the library`;
    this.bar.replaceChildren(...describe(now.process.info), badge);
  }

  clear(text = "No process selected"): void {
    this.bar.replaceChildren(element("span", "top-bar-placeholder", text));
  }
}

/** Name (with the outcome as tooltip), category, owner and SLA. */
function describe(info: ProcessInfo): HTMLElement[] {
  const facts = element("span", "process-facts");
  facts.append(fact("Owner", info.owner));
  if (info.sla) facts.append(fact("SLA", info.sla));
  const title = element("h1", "process-title", info.name);
  title.title = info.outcome;
  return [title, element("span", `category category-${info.category}`, categoryLabel(info.category)), facts];
}

function fact(label: string, value: string): HTMLElement {
  const item = element("span", "fact");
  item.append(element("span", "fact-label", `${label} `), element("span", "fact-value", value));
  return item;
}
