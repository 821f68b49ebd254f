// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Backend, CommandError, Edited, EditState } from "../src/backend";
import { AUTOSAVE_DELAY_MS, EditorDocument } from "../src/editor/document";
import { ErrorBanner } from "../src/panels/errorBanner";
import type { Command } from "../src/generated/Command";
import { payablesV2 } from "./fixtures";

const full: CommandError = { code: "disk_full", message: "the disk is full: free some space and try again" };

/** An edit of the process name, as the core answers it. */
function renamed(name: string): Edited {
  const before = { record: "info" as const, info: payablesV2.info };
  const after = { record: "info" as const, info: { ...payablesV2.info, name } };
  return { patch: { changes: [{ key: { key: "info" }, before, after }] }, names: {}, can_undo: true, can_redo: false, unsaved: true } as unknown as Edited;
}

describe("autosave on a full disk", () => {
  afterEach(() => vi.useRealTimers());

  it("reports the failure, keeps the work, and saves again with the next change", async () => {
    vi.useFakeTimers();
    const saved: EditState = { can_undo: true, can_redo: false, unsaved: true };
    const saveDraft = vi.fn<() => Promise<EditState>>().mockRejectedValueOnce(full).mockResolvedValue(saved);
    const names = ["Payables (1)", "Payables (2)"];
    const backend = { editProcess: vi.fn(async () => renamed(names.shift()!)), saveDraft } as unknown as Backend;
    const results: Array<true | CommandError> = [];
    const doc = new EditorDocument(
      backend,
      { process: payablesV2, names: {}, base_version: 2, latest: null, recovered_draft: null, can_undo: false, can_redo: false, unsaved: false },
      { changed: () => undefined, state: () => undefined, autosaved: (r) => results.push(r), refused: () => undefined },
    );
    const command = { command: "update_info" } as unknown as Command;

    await doc.run(command);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 10);
    expect(results).toEqual([full]);
    expect(doc.process.info.name).toBe("Payables (1)"); // still in the window
    expect(doc.state.unsaved).toBe(true);

    await doc.run(command);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 10);
    expect(saveDraft).toHaveBeenCalledTimes(2);
    expect(results).toEqual([full, true]);
    expect(doc.process.info.name).toBe("Payables (2)");
  });
});

describe("the autosave failure banner", () => {
  it("goes once the draft is saved again, but never takes another message with it", () => {
    const element = document.createElement("div");
    element.innerHTML = `<span class="error-text"></span>`;
    const banner = new ErrorBanner(element);
    banner.show(full, "The draft could not be saved", "autosave");
    expect(element.hidden).toBe(false);
    banner.clear("autosave");
    expect(element.hidden).toBe(true);

    banner.show(full, "The draft could not be saved", "autosave");
    banner.show({ code: "io", message: "no" }, "The export failed");
    banner.clear("autosave");
    expect(element.hidden).toBe(false);
    expect(element.textContent).toBe("The export failed: no");
  });
});
