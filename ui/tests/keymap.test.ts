// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { applies, helpEntries, KEYMAP, Keymap, type ActionId, type KeyContext, type When } from "../src/app/keymap";
import type { ModeKind } from "../src/app/mode";
import { HelpOverlay } from "../src/editor/helpOverlay";

const MODES: ModeKind[] = ["none", "edit", "version", "compare", "simulate", "counterexample"];
const BOTH = [true, false];
const CONTEXTS: KeyContext[] = MODES.flatMap((mode) => BOTH.flatMap((workingCopy) => BOTH.flatMap((inField) => BOTH.map((onCanvas) => ({ mode, workingCopy, inField, onCanvas })))));

/** A keymap whose actions only record which one ran. */
function recorder(context: KeyContext | null) {
  const ran: ActionId[] = [];
  const actions = Object.fromEntries(KEYMAP.flatMap((row) => ("action" in row ? [[row.action, () => void ran.push(row.action)]] : []))) as Record<ActionId, () => void>;
  return { ran, keymap: new Keymap(actions, () => context) };
}

function press(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  return new KeyboardEvent("keydown", { key, cancelable: true, ...init });
}

/** The overlay as rendered: each row's alternatives, written `Ctrl+Shift+Z`, with its action text. */
function renderedOverlay(): Array<{ combos: string[]; action: string }> {
  const overlay = new HelpOverlay(helpEntries(), null);
  const root = document.getElementById("help-overlay")!;
  const keys = Array.from(root.querySelectorAll(".help-keys"));
  const actions = Array.from(root.querySelectorAll(".help-action"), (d) => d.textContent ?? "");
  const rows = keys.map((dt, i) => {
    const combos: string[][] = [[]];
    for (const child of Array.from(dt.children)) {
      if (child.className === "help-or") combos.push([]);
      else if (child.tagName === "KBD") combos.at(-1)!.push(child.textContent ?? "");
    }
    return { combos: combos.map((combo) => combo.join("+")), action: actions[i]! };
  });
  overlay.dispose();
  return rows;
}

/** How the overlay writes a key: arrows as arrows, and a key by its shifted face (`=` is the `+` key). */
const FACES: Record<string, string> = { ArrowUp: "↑", ArrowDown: "↓", ArrowLeft: "←", ArrowRight: "→", "=": "+", _: "-" };

/** How a key press is written in the overlay: `Ctrl+Shift+M`, `Alt+↑`, `Delete`, `?`. */
function written(event: KeyboardEvent, withShift: boolean): string {
  const key = FACES[event.key] ?? (event.key.length === 1 ? event.key.toUpperCase() : event.key);
  const parts = [event.ctrlKey && "Ctrl", withShift && event.shiftKey && "Shift", event.altKey && "Alt", key].filter(Boolean);
  return parts.join("+");
}

const KEYS = [
  ..."abcdefghijklmnopqrstuvwxyz0123456789?+-=/.,[]",
  "Escape",
  "Delete",
  "Backspace",
  "Enter",
  "Tab",
  "Home",
  "End",
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "F1",
];
const MODIFIERS: KeyboardEventInit[] = [{}, { shiftKey: true }, { ctrlKey: true }, { ctrlKey: true, shiftKey: true }, { altKey: true }, { altKey: true, shiftKey: true }, { ctrlKey: true, altKey: true }];

afterEach(() => document.body.replaceChildren());

describe("the shortcut table", () => {
  it("every key the keymap answers, in any mode, is listed in the ? overlay", () => {
    const overlay = renderedOverlay();
    const listed = new Set(overlay.flatMap((row) => row.combos));
    const unlisted: string[] = [];
    let answered = 0;
    for (const context of CONTEXTS) {
      const { keymap } = recorder(context);
      for (const key of KEYS) {
        for (const modifiers of MODIFIERS) {
          const code = /^[a-z]$/.test(key) ? `Key${key.toUpperCase()}` : "";
          const event = press(key, { ...modifiers, code });
          if (!keymap.press(event)) continue;
          answered++;
          // Shift may be left unsaid where the table lets it be either way (Ctrl+Y with Shift still redoes).
          if (!listed.has(written(event, true)) && !listed.has(written(event, false))) unlisted.push(written(event, true));
        }
      }
    }
    expect(answered).toBeGreaterThan(100);
    expect([...new Set(unlisted)]).toEqual([]);
  });

  it("lists Ctrl+B (what-if) and Ctrl+E (export), and both keys run their action", () => {
    const overlay = renderedOverlay();
    expect(overlay).toContainEqual({ combos: ["Ctrl+B"], action: "What-if (many runs at once)" });
    expect(overlay).toContainEqual({ combos: ["Ctrl+E"], action: "Export" });
    const { ran, keymap } = recorder({ mode: "edit", workingCopy: true, inField: false, onCanvas: false });
    keymap.press(press("b", { ctrlKey: true }));
    keymap.press(press("e", { ctrlKey: true }));
    expect(ran).toEqual(["what-if", "export"]);
  });

  it("the overlay has one row per table row, in the table's groups", () => {
    const overlay = renderedOverlay();
    expect(overlay.map((row) => row.action).sort()).toEqual(KEYMAP.map((row) => row.label).sort());
  });
});

describe("the keymap", () => {
  it("answers a key only where its row applies", () => {
    const when = (w: When, c: Partial<KeyContext>) => applies(w, { mode: "edit", workingCopy: true, inField: false, onCanvas: false, ...c });
    expect(when("editing", {})).toBe(true);
    expect(when("editing", { mode: "version" })).toBe(true);
    expect(when("editing", { mode: "simulate" })).toBe(false);
    expect(when("editing", { mode: "compare" })).toBe(false);
    expect(when("editing", { workingCopy: false })).toBe(false);
    expect(when("editing", { inField: true })).toBe(false);
    expect(when("anywhere", { inField: true, mode: "simulate" })).toBe(true);
    expect(when("simulating", { mode: "simulate" })).toBe(true);
    expect(when("simulating", { mode: "edit" })).toBe(false);
    expect(when("comparing", { mode: "compare", inField: true })).toBe(false);
    expect(when("outside-fields", { mode: "none", workingCopy: false })).toBe(true);
    expect(when("canvas", { onCanvas: true, mode: "simulate" })).toBe(true);
    expect(when("canvas", {})).toBe(false);
  });

  it("Escape cancels a tool while editing and leaves compare while comparing", () => {
    const editing = recorder({ mode: "edit", workingCopy: true, inField: false, onCanvas: false });
    editing.keymap.press(press("Escape"));
    const comparing = recorder({ mode: "compare", workingCopy: true, inField: false, onCanvas: false });
    comparing.keymap.press(press("Escape"));
    expect([editing.ran, comparing.ran]).toEqual([["cancel-tool"], ["exit-compare"]]);
  });

  it("leaves the key alone when the action says it did nothing", () => {
    let asked = 0;
    const actions = new Proxy({} as Record<ActionId, () => boolean>, { get: () => () => (asked++, false) });
    const keymap = new Keymap(actions, () => ({ mode: "edit", workingCopy: true, inField: false, onCanvas: false }));
    const escape = press("Escape");
    expect(keymap.press(escape)).toBe(false);
    expect(escape.defaultPrevented).toBe(false);
    expect(asked).toBe(1);
  });

  it("prevents the browser's default only for keys it answered: Ctrl+S in a field saves, Ctrl+Z there is the field's", () => {
    const { ran, keymap } = recorder({ mode: "edit", workingCopy: true, inField: true, onCanvas: false });
    const save = press("s", { ctrlKey: true });
    const undo = press("z", { ctrlKey: true });
    keymap.press(save);
    keymap.press(undo);
    expect(ran).toEqual(["save-version"]);
    expect([save.defaultPrevented, undo.defaultPrevented]).toEqual([true, false]);
  });

  it("answers nothing while a modal owns the keyboard, and Cmd only for find", () => {
    const closed = recorder(null);
    expect(closed.keymap.press(press("s", { ctrlKey: true }))).toBe(false);
    const { ran, keymap } = recorder({ mode: "edit", workingCopy: true, inField: false, onCanvas: false });
    keymap.press(press("z", { metaKey: true }));
    keymap.press(press("f", { metaKey: true }));
    expect(ran).toEqual(["find"]);
  });
});
