import type { Problem } from "../generated/Problem";
import { element } from "../panels/dom";
import { Listbox } from "../panels/listbox";
import { groupBySeverity, problemSummary, type SeverityGroup } from "./groups";
import { setPanelOpen } from "../panels/panelToggle";

interface Item {
  group: SeverityGroup;
  problem: Problem;
  key: string;
}

/**
 * The bottom panel with the validation problems of the shown definition, errors first, each
 * with its message, fix hint and rule code. Choosing one reports it (the app selects and centres
 * its element); `reveal` highlights the problems of an element clicked on the canvas.
 */
export class ProblemsPanel {
  private readonly subject = element("span", "panel-count");
  private readonly counts = element("span", "problem-counts");
  private readonly list = element("ul", "problem-rows");
  private readonly placeholder = element("p", "problems-placeholder");
  private readonly closeButton = element("button", "icon-button panel-close", "×");
  private readonly listbox: Listbox<Item>;
  private items: Item[] = [];
  /** The row marked chosen, kept while its element stays selected. */
  private marked: string | null = null;

  constructor(
    private readonly panel: HTMLElement,
    private readonly toggleButton: HTMLButtonElement,
    onChoose: (problem: Problem) => void,
    /** Plays a soundness finding's run (its `path`) on the canvas. */
    onPlay: (problem: Problem) => void = () => {},
  ) {
    this.listbox = new Listbox<Item>(this.list, {
      key: (item) => item.key,
      render: (item) => renderRow(item.problem, onPlay),
      onChoose: (item) => {
        this.mark(item.key);
        onChoose(item.problem);
      },
      idPrefix: "problem-option-",
      heading: (item, previous) => (previous?.group === item.group ? null : renderHeading(item.group)),
    });
    this.build();
    this.showMessage("Select a process to check its design.");
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  setOpen(open: boolean, focus = false): void {
    setPanelOpen(this.panel, this.toggleButton, open, focus, this.list.hidden ? this.closeButton : this.list);
  }

  /** The problems of `subject` (e.g. "Accounts payable v2"). */
  show(subject: string, problems: readonly Problem[]): void {
    this.subject.textContent = subject;
    this.renderCounts(problems);
    this.items = groupBySeverity(problems).flatMap((group) => group.problems.map((problem, i) => ({ group, problem, key: `${group.severity}-${i}` })));
    this.listbox.setItems(this.items);
    const clean = this.items.length === 0;
    this.list.hidden = clean;
    this.placeholder.hidden = !clean;
    this.placeholder.classList.toggle("problems-clean", clean);
    if (clean) this.placeholder.textContent = "No problems: the design passes every check.";
  }

  /** Instead of the list: nothing to check, checking, or the check failed. */
  showMessage(text: string, subject = ""): void {
    this.subject.textContent = subject;
    this.counts.replaceChildren();
    this.items = [];
    this.listbox.setItems([]);
    this.list.hidden = true;
    this.placeholder.hidden = false;
    this.placeholder.classList.remove("problems-clean");
    this.placeholder.textContent = text;
  }

  /** Highlights the first problem about element `id`, or none. */
  reveal(id: string | null): void {
    const chosen = this.items.find((i) => i.key === this.marked);
    if (id !== null && chosen?.problem.element === id) return;
    const item = id === null ? undefined : this.items.find((i) => i.problem.element === id);
    this.mark(item ? item.key : null);
  }

  private mark(key: string | null): void {
    this.marked = key;
    this.listbox.markSelected(key);
  }

  private renderCounts(problems: readonly Problem[]): void {
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    const chips: HTMLElement[] = [];
    if (errors > 0) chips.push(element("span", "count-chip count-error", String(errors)));
    if (warnings > 0) chips.push(element("span", "count-chip count-warning", String(warnings)));
    this.counts.replaceChildren(...chips);
    this.counts.title = problemSummary(problems);
  }

  private build(): void {
    const title = element("h2", "panel-title", "Problems");
    title.id = "problems-title";
    this.panel.setAttribute("aria-labelledby", title.id);
    this.closeButton.type = "button";
    this.closeButton.title = "Hide problems (Ctrl+Shift+M)";
    this.closeButton.setAttribute("aria-label", "Hide problems");
    this.closeButton.addEventListener("click", () => this.setOpen(false, true));
    const header = element("header", "panel-header");
    header.append(title, this.counts, this.subject, this.closeButton);
    this.list.id = "problem-list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Problems, errors first");
    this.list.tabIndex = 0;
    this.placeholder.setAttribute("role", "status");
    this.panel.replaceChildren(header, this.placeholder, this.list);
  }
}

function renderHeading(group: SeverityGroup): HTMLLIElement {
  const heading = element("li", `problem-group problem-group-${group.severity}`);
  heading.append(element("span", "problem-group-title", group.title), element("span", "problem-group-count", String(group.problems.length)));
  return heading;
}

function renderRow(problem: Problem, onPlay: (problem: Problem) => void): HTMLLIElement {
  const row = element("li", `problem-row problem-${problem.severity}`);
  row.dataset.problemCode = problem.code;
  row.dataset.severity = problem.severity;
  row.dataset.elementId = problem.element ?? "";
  const icon = element("span", "problem-icon", "!");
  icon.setAttribute("aria-label", problem.severity === "error" ? "Error" : "Warning");
  const text = element("div", "problem-text");
  text.append(element("span", "problem-message", problem.message), element("span", "problem-hint", problem.hint));
  const code = element("code", "problem-code", problem.code);
  code.title = "Rule code (its level can be changed per library)";
  row.append(icon, text, code);
  if (problem.path.length > 0) {
    const play = element("button", "button button-small problem-play", "▶ Play the run");
    play.type = "button";
    play.title = `Step through the ${problem.path.length} firings that lead to this problem`;
    play.addEventListener("click", (event) => {
      event.stopPropagation();
      onPlay(problem);
    });
    text.append(play);
  }
  if (problem.element === null) row.classList.add("problem-process");
  return row;
}
