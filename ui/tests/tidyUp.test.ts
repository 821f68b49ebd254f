// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import type { Backend, Edited } from "../src/backend";
import { KEYMAP, Keymap, type ActionId } from "../src/app/keymap";
import { EditorDocument } from "../src/editor/document";
import type { Command } from "../src/generated/Command";
import type { Layout } from "../src/generated/Layout";
import { payablesV2 } from "./fixtures";

const opened = { process: payablesV2, names: {}, base_version: 2, latest: null, recovered_draft: null, can_undo: false, can_redo: false, unsaved: false };
const events = { changed: () => undefined, state: () => undefined, autosaved: () => undefined, refused: () => undefined };

describe("tidy up", () => {
  it("asks the core for a layout of the working copy and applies it as one arrange command", async () => {
    const layout: Layout = { nodes: {}, lanes: {} };
    const arrangeProcess = vi.fn(async () => layout);
    const sent: Command[] = [];
    const editProcess = vi.fn(async (_id: string, command: Command) => {
      sent.push(command);
      return { patch: { changes: [] }, names: {}, can_undo: true, can_redo: false, unsaved: true } as Edited;
    });
    const doc = new EditorDocument({ arrangeProcess, editProcess } as unknown as Backend, opened, events);
    expect(await doc.tidyUp(["n1"])).toBe(true);
    expect(arrangeProcess).toHaveBeenCalledWith(payablesV2.id, ["n1"]);
    expect(sent).toEqual([{ command: "arrange", layout }]);
    expect(doc.state.can_undo).toBe(true);
  });

  it("is Ctrl+Shift+L while editing", () => {
    const ran: ActionId[] = [];
    const actions = Object.fromEntries(KEYMAP.flatMap((row) => ("action" in row ? [[row.action, () => void ran.push(row.action)]] : []))) as Record<ActionId, () => void>;
    const keymap = new Keymap(actions, () => ({ mode: "edit", workingCopy: true, inField: false, onCanvas: true }));
    const press = { key: "L", code: "KeyL", ctrlKey: true, shiftKey: true, altKey: false, metaKey: false, target: null, preventDefault: () => undefined };
    expect(keymap.press(press as unknown as KeyboardEvent)).toBe(true);
    expect(ran).toEqual(["tidy-up"]);
  });
});
