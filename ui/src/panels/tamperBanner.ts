import type { VerifyReport } from "../backend";
import type { TamperProblem } from "../generated/TamperProblem";
import { element } from "./dom";

/**
 * A persistent warning under the top bar when the library's integrity check finds versions or
 * safeguards changed outside Flowlane. It cannot be dismissed (the file stays suspect); the list
 * of findings folds open.
 */
export class TamperBanner {
  private readonly summary = element("span", "tamper-text");
  private readonly toggle = element("button", "button tamper-toggle");
  private readonly details = element("ul", "tamper-details");

  constructor(private readonly banner: HTMLElement) {
    this.toggle.type = "button";
    this.toggle.setAttribute("aria-controls", "tamper-details");
    this.toggle.addEventListener("click", () => this.setExpanded(this.details.hidden !== false));
    this.details.id = "tamper-details";
    const icon = element("span", "tamper-icon", "!");
    icon.setAttribute("aria-hidden", "true");
    const line = element("div", "tamper-line");
    line.append(icon, this.summary, this.toggle);
    banner.replaceChildren(line, this.details);
    this.setExpanded(false);
  }

  /** Shows the report's findings, or hides the banner when there are none. */
  show(report: VerifyReport): void {
    const problems = report.problems;
    this.banner.hidden = problems.length === 0;
    if (problems.length === 0) return;
    const versions = new Set(problems.filter((p) => p.version !== null).map((p) => `${p.process}:${p.version}`)).size;
    const count = `${problems.length} ${problems.length === 1 ? "problem" : "problems"}`;
    const affected = versions === 0 ? "" : `, affecting ${versions === 1 ? "1 saved version" : `${versions} saved versions`}`;
    this.summary.textContent = `This library was changed outside Flowlane: the integrity check found ${count}${affected}.`;
    this.summary.title = `Checked ${report.versions} versions of ${report.processes} processes against their hashes, the hash chain and the audit log.`;
    const hint = element("li", "tamper-hint", "Flowlane never repairs a library. Keep a copy of this file as it is and find out who changed it before trusting the listed versions.");
    this.details.replaceChildren(...problems.map(renderProblem), hint);
    this.banner.dataset.problems = String(problems.length);
  }

  private setExpanded(open: boolean): void {
    this.details.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
    this.toggle.textContent = open ? "Hide details" : "Show details";
  }
}

function renderProblem(problem: TamperProblem): HTMLLIElement {
  const item = element("li", "tamper-problem");
  item.dataset.kind = problem.kind;
  const subject = problem.process === null ? "Library" : problem.version === null ? problem.process_name : `${problem.process_name} v${problem.version}`;
  item.append(element("span", "tamper-subject", subject), element("span", "tamper-message", problem.message));
  return item;
}
