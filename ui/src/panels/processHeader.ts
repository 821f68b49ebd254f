import type { LoadedVersion } from "../backend";
import { element } from "./dom";
import { categoryLabel, savedDay } from "./format";

/** The top bar: which process and which saved version the canvas shows. */
export class ProcessHeader {
  constructor(private readonly bar: HTMLElement) {}

  show({ process, version }: LoadedVersion): void {
    const { info } = process;
    const facts = element("span", "process-facts");
    facts.append(fact("Owner", info.owner));
    if (info.sla) facts.append(fact("SLA", info.sla));

    const saved = element("span", "process-version", `v${version.number} · saved ${savedDay(version.saved_at)} by ${version.author}`);
    saved.title = version.message ? `${version.message}\n${version.hash}` : version.hash;

    const title = element("h1", "process-title", info.name);
    title.title = info.outcome;
    this.bar.replaceChildren(
      title,
      element("span", `category category-${info.category}`, categoryLabel(info.category)),
      facts,
      saved,
    );
  }

  clear(text = "No process selected"): void {
    this.bar.replaceChildren(element("span", "top-bar-placeholder", text));
  }
}

function fact(label: string, value: string): HTMLElement {
  const item = element("span", "fact");
  item.append(element("span", "fact-label", `${label} `), element("span", "fact-value", value));
  return item;
}
