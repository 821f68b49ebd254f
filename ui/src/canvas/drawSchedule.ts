/** A frame at 60 Hz: draws closer together than this wait for the display's next frame. */
const FRAME_MS = 16;

/**
 * When the canvas draws. Any number of requests share one draw. After a quiet frame the draw
 * comes at the end of the current task rather than on the display's next frame: WebKit without
 * compositing shows a canvas drawn in an input handler straight away (an arrow-key pan reached
 * the X screen in 12–16 ms p95 instead of 24–25 ms), while `requestAnimationFrame` waits for its
 * own 60 Hz tick. Requests closer together than a frame (a drag, a wheel) share one per frame.
 */
export class DrawSchedule {
  private frame = 0;
  private queued = false;
  private lastDrawAt = -Infinity;
  /** When the pending draw was asked for: its wait is reported apart. */
  private requestedAt = 0;

  constructor(private readonly draw: () => void) {}

  request(): void {
    if (this.frame || this.queued) return;
    this.requestedAt = performance.now();
    if (this.requestedAt - this.lastDrawAt >= FRAME_MS) {
      this.queued = true;
      queueMicrotask(() => {
        if (!this.queued) return;
        this.queued = false;
        this.draw();
      });
      return;
    }
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Forgets a pending draw (the canvas draws now, or goes away). */
  cancel(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.queued = false;
  }

  /** A draw starts at `at`: how long it waited since it was asked for (0 when it was not). */
  started(at: number): number {
    const wait = this.requestedAt > 0 ? at - this.requestedAt : 0;
    this.lastDrawAt = at;
    this.requestedAt = 0;
    return wait;
  }
}
