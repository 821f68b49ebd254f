import { afterEach, describe, expect, it, vi } from "vitest";
import { autosaveFailureNotice, LibraryWatch, readOnlyNotice, staleDraftNotice, WATCH_INTERVAL_MS } from "../src/app/libraryWatch";

/** A stamp that answers the given values in turn (a thrown one rejects). */
function stamps(...values: Array<number | Error>) {
  const asked = vi.fn(async () => {
    const next = values.shift();
    if (next === undefined) throw new Error("asked too often");
    if (next instanceof Error) throw next;
    return next;
  });
  return asked;
}

describe("LibraryWatch", () => {
  afterEach(() => vi.useRealTimers());

  it("calls back only when the stamp moved since the previous answer", async () => {
    const changed = vi.fn(async () => undefined);
    const watch = new LibraryWatch(stamps(4, 4, 5, 5, 9), changed);
    expect(await watch.poll()).toBe(false); // the first answer is the baseline
    expect(await watch.poll()).toBe(false);
    expect(await watch.poll()).toBe(true);
    expect(await watch.poll()).toBe(false);
    expect(await watch.poll()).toBe(true);
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it("a failed question changes nothing and the next one still compares with the last answer", async () => {
    const changed = vi.fn(async () => undefined);
    const watch = new LibraryWatch(stamps(1, new Error("locked"), 2), changed);
    await watch.poll();
    expect(await watch.poll()).toBe(false);
    expect(await watch.poll()).toBe(true);
    expect(changed).toHaveBeenCalledOnce();
  });

  it("asks one question at a time", async () => {
    let answer: (n: number) => void = () => undefined;
    const stamp = vi.fn(() => new Promise<number>((resolve) => (answer = resolve)));
    const watch = new LibraryWatch(stamp, async () => undefined);
    const first = watch.poll();
    expect(await watch.poll()).toBe(false);
    answer(1);
    await first;
    expect(stamp).toHaveBeenCalledOnce();
  });

  it("polls every interval while the window is visible, and on focus", async () => {
    vi.useFakeTimers();
    let visible = false;
    const listeners: Array<() => void> = [];
    const win = {
      setInterval: (tick: () => void, ms: number) => setInterval(tick, ms),
      addEventListener: (_: string, listener: () => void) => listeners.push(listener),
      document: {
        get visibilityState() {
          return visible ? "visible" : "hidden";
        },
      },
    } as unknown as Window;
    const stamp = vi.fn(async () => 1);
    new LibraryWatch(stamp, async () => undefined).start(win);
    await vi.advanceTimersByTimeAsync(0);
    expect(stamp).toHaveBeenCalledTimes(1); // the baseline at start
    await vi.advanceTimersByTimeAsync(WATCH_INTERVAL_MS * 3);
    expect(stamp).toHaveBeenCalledTimes(1); // hidden (minimised): no questions
    visible = true;
    await vi.advanceTimersByTimeAsync(WATCH_INTERVAL_MS * 2);
    expect(stamp).toHaveBeenCalledTimes(3);
    listeners.forEach((listener) => listener());
    await vi.advanceTimersByTimeAsync(0);
    expect(stamp).toHaveBeenCalledTimes(4);
  });
});

describe("library notices", () => {
  it("flags a draft only when a newer version than its base exists", () => {
    expect(staleDraftNotice(4, 4)).toBeNull();
    expect(staleDraftNotice(4, 3)).toBeNull();
    expect(staleDraftNotice(4, 5)).toBe("v5 was saved elsewhere since you started this draft (it started from v4):");
    expect(staleDraftNotice(null, 0)).toBeNull();
    expect(staleDraftNotice(null, 1)).toBe("v1 was saved elsewhere since you started this draft:");
  });

  it("says why a library is read-only and what still works", () => {
    expect(readOnlyNotice("it is on a read-only disk or mount")).toBe(
      "This library is read-only: it is on a read-only disk or mount. You can browse, compare, simulate and export; saving is off.",
    );
  });

  it("tells a full disk apart when an autosave fails, and always says the work is kept", () => {
    const full = autosaveFailureNotice({ code: "disk_full", message: "the disk is full" });
    expect(full).toMatch(/^The draft could not be saved; your changes are kept in this window and saved again with your next change\. Free some disk space/);
    expect(autosaveFailureNotice({ code: "read_only", message: "" })).toMatch(/Nothing is lost while the window stays open/);
    expect(autosaveFailureNotice({ code: "library", message: "" })).toMatch(/kept in this window/);
  });
});
