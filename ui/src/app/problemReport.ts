import { isBlank, problemSummary, START_HINT } from "../problems/groups";
import type { Outcome } from "../problems/liveValidation";
import { problemDecorations } from "../problems/markers";
import type { Parts } from "./parts";
import type { Shown } from "./workspace";

/**
 * A validation answer for what is shown: the problems panel, the canvas badges and the status
 * bar's summary. An answer about another process or version than the one shown is dropped.
 * A blank working copy shows a hint where to start instead (saving it is still refused).
 */
export function showProblems(parts: Parts, shown: Shown | null, outcome: Outcome): void {
  if (!shown || outcome.subject.id !== shown.summary.id) return;
  const working = outcome.subject.version === null;
  if (working !== !!shown.doc || (!working && outcome.subject.version !== shown.version)) return;
  const subject = working ? `${shown.summary.name} (working copy)` : `${shown.summary.name} v${outcome.subject.version}`;
  const { problemSummary: summary, problemsCount: count } = parts.screen;
  if ("error" in outcome) {
    parts.problems.showMessage(`The design could not be checked: ${outcome.error.message}`, subject);
    parts.canvas.setDecorations("problems", null);
    summary.hidden = true;
    count.hidden = true;
    return;
  }
  if (working && shown.process && isBlank(shown.process)) {
    parts.problems.showMessage(START_HINT, subject);
    parts.canvas.setDecorations("problems", null);
    summary.textContent = START_HINT;
    summary.dataset.level = "hint";
    summary.hidden = false;
    count.hidden = true;
    return;
  }
  const { problems } = outcome;
  parts.problems.show(subject, problems);
  parts.canvas.setDecorations("problems", problemDecorations(problems));
  const errors = problems.some((p) => p.severity === "error");
  const level = problems.length === 0 ? "clean" : errors ? "error" : "warning";
  summary.textContent = problemSummary(problems);
  summary.dataset.level = level;
  summary.hidden = false;
  count.textContent = String(problems.length);
  count.dataset.level = level;
  count.hidden = problems.length === 0;
}
