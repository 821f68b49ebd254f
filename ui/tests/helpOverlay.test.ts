// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { groupShortcuts, HelpOverlay, keyParts, type Shortcut } from "../src/editor/helpOverlay";

const SHORTCUTS: Shortcut[] = [
  { keys: "Ctrl+F", action: "Find a step", group: "Selection" },
  { keys: "Ctrl+Z", action: "Undo", group: "Editing" },
  { keys: "Ctrl+Shift+Z / Ctrl+Y", action: "Redo", group: "Editing" },
  { keys: "Ctrl+H", action: "Version history", group: "Versions" },
  { keys: "Ctrl++", action: "Zoom in", group: "View" },
  { keys: "?", action: "This help", group: "Help" },
];

function key(target: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

const created: HelpOverlay[] = [];

function setup() {
  const canvas = document.createElement("canvas");
  canvas.tabIndex = 0;
  document.body.append(canvas);
  const overlay = new HelpOverlay(SHORTCUTS);
  created.push(overlay);
  const root = document.getElementById("help-overlay")!;
  return { canvas, overlay, root };
}

afterEach(() => {
  // Each overlay listens on the document; a stale one would answer the next test's ?.
  for (const overlay of created.splice(0)) overlay.dispose();
  document.body.replaceChildren();
});

describe("shortcut table", () => {
  it("groups in the fixed order, unknown groups last, entries in the given order", () => {
    expect(groupShortcuts(SHORTCUTS).map(([group, items]) => [group, items.map((s) => s.action)])).toEqual([
      ["Editing", ["Undo", "Redo"]],
      ["Selection", ["Find a step"]],
      ["View", ["Zoom in"]],
      ["Versions", ["Version history"]],
      ["Help", ["This help"]],
    ]);
  });
  it("splits keys into combinations and alternatives", () => {
    expect(keyParts("Ctrl+Shift+Z / Ctrl+Y")).toEqual([
      ["Ctrl", "Shift", "Z"],
      ["Ctrl", "Y"],
    ]);
    expect(keyParts("Ctrl++")).toEqual([["Ctrl", "+"]]);
    expect(keyParts("?")).toEqual([["?"]]);
  });
});

describe("help overlay", () => {
  it("opens on ?, lists every shortcut under its group heading, and focuses the close button", () => {
    const { canvas, overlay, root } = setup();
    canvas.focus();
    expect(key(canvas, "?", { shiftKey: true }).defaultPrevented).toBe(true);
    expect(overlay.isOpen).toBe(true);
    expect(root.querySelector('[role="dialog"]')!.getAttribute("aria-modal")).toBe("true");
    expect(Array.from(root.querySelectorAll(".help-group-title"), (h) => h.textContent)).toEqual(["Editing", "Selection", "View", "Versions", "Help"]);
    expect(Array.from(root.querySelectorAll(".help-action"), (d) => d.textContent)).toEqual(["Undo", "Redo", "Find a step", "Zoom in", "Version history", "This help"]);
    const redo = root.querySelectorAll(".help-keys")[1]!;
    expect(Array.from(redo.querySelectorAll("kbd"), (k) => k.textContent)).toEqual(["Ctrl", "Shift", "Z", "Ctrl", "Y"]);
    expect(document.activeElement).toBe(root.querySelector(".help-close"));
  });

  it("ignores ? typed into a text field", () => {
    const { overlay } = setup();
    const input = document.createElement("input");
    document.body.append(input);
    input.focus();
    key(input, "?");
    expect(overlay.isOpen).toBe(false);
  });

  it("closes on Escape and returns focus, without the key reaching the app", () => {
    const { canvas, overlay, root } = setup();
    let reached = 0;
    const count = () => reached++;
    document.addEventListener("keydown", count);
    canvas.focus();
    key(canvas, "?");
    reached = 0;
    key(root.querySelector(".help-close")!, "Escape");
    expect(overlay.isOpen).toBe(false);
    document.removeEventListener("keydown", count);
    expect(reached).toBe(0);
    expect(document.activeElement).toBe(canvas);
  });

  it("closes with its close button", () => {
    const { canvas, overlay, root } = setup();
    canvas.focus();
    overlay.open();
    root.querySelector<HTMLButtonElement>(".help-close")!.click();
    expect(overlay.isOpen).toBe(false);
    expect(document.activeElement).toBe(canvas);
  });

  it("keeps Tab inside the overlay", () => {
    const { overlay, root } = setup();
    overlay.open();
    const close = root.querySelector<HTMLElement>(".help-close")!;
    const list = root.querySelector<HTMLElement>(".help-groups")!;
    expect(key(close, "Tab").defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(list);
    key(list, "Tab");
    expect(document.activeElement).toBe(close);
    key(close, "Tab", { shiftKey: true });
    expect(document.activeElement).toBe(list);
  });

  it("stops listening once disposed", () => {
    const { canvas, overlay } = setup();
    overlay.dispose();
    key(canvas, "?");
    expect(overlay.isOpen).toBe(false);
    expect(document.getElementById("help-overlay")).toBeNull();
  });
});
