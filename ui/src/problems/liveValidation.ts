import { toCommandError, type Backend, type CommandError, type Problem } from "../backend";

/** A definition to check: a saved version of a process, or (version null) its working copy. */
export interface Subject {
  id: string;
  version: number | null;
}

export type Outcome = { subject: Subject; problems: Problem[] } | { subject: Subject; error: CommandError };

/** Quiet time after the last change before a check runs, so typing is not slowed down. */
export const VALIDATION_DELAY_MS = 300;

/**
 * Re-validates the shown definition whenever it changes, after a short quiet time, and reports
 * only the answer for the latest subject (a slower answer for an earlier one is dropped).
 */
export class LiveValidation {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticket = 0;

  constructor(
    private readonly backend: Backend,
    private readonly onOutcome: (outcome: Outcome) => void,
    private readonly delayMs = VALIDATION_DELAY_MS,
  ) {}

  /** The shown definition is now `subject` (null: nothing is shown). */
  changed(subject: Subject | null): void {
    const ticket = ++this.ticket;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!subject) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(subject, ticket);
    }, this.delayMs);
  }

  private async run(subject: Subject, ticket: number): Promise<void> {
    let outcome: Outcome;
    try {
      const problems = subject.version === null ? this.backend.validateDraft(subject.id) : this.backend.validateProcess(subject.id, subject.version);
      outcome = { subject, problems: await problems };
    } catch (error) {
      outcome = { subject, error: toCommandError(error) };
    }
    if (ticket === this.ticket) this.onOutcome(outcome);
  }
}
