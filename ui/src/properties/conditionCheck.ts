/** Quiet time after the last keystroke before a condition is checked, so typing is not slowed. */
export const CONDITION_CHECK_DELAY_MS = 250;

/**
 * Checks a condition while it is typed: after a short quiet time, and only the answer for the
 * latest text is reported (a slower answer for earlier text is dropped). An empty condition
 * means "no condition" and needs no check.
 */
export class ConditionCheck {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticket = 0;

  constructor(
    private readonly check: (expression: string) => Promise<string | null>,
    /** The verdict on `expression`: null when it parses and type-checks, else the message. */
    private readonly onVerdict: (expression: string, message: string | null) => void,
    private readonly delayMs = CONDITION_CHECK_DELAY_MS,
  ) {}

  /** The text is now `expression`. */
  changed(expression: string): void {
    const ticket = this.restart();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.verdict(expression).then((message) => {
        if (ticket === this.ticket) this.onVerdict(expression, message);
      });
    }, this.delayMs);
  }

  /** Checks at once (before a commit); a pending or running check is dropped. */
  now(expression: string): Promise<string | null> {
    this.restart();
    return this.verdict(expression);
  }

  /** Drops a pending or running check, e.g. when another element is shown. */
  cancel(): void {
    this.restart();
  }

  private restart(): number {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    return ++this.ticket;
  }

  private async verdict(expression: string): Promise<string | null> {
    const text = expression.trim();
    if (text === "") return null;
    try {
      return await this.check(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : typeof error === "object" && error && "message" in error ? String(error.message) : String(error);
      return `The condition could not be checked: ${reason}`;
    }
  }
}
