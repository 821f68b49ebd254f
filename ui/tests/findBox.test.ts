// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { FindBox, findNodes, foldText, type FindableNode } from "../src/editor/findBox";

const NODES: FindableNode[] = [
  { id: "n1", name: "Receive invoice", lane: "Accounts payable" },
  { id: "n2", name: "Approve invoice", lane: "Budget owner" },
  { id: "n3", name: "Réviser la facture", lane: "Comptabilité" },
  { id: "n4", name: "Invoice archived", lane: "Accounts payable" },
  { id: "n5", name: "Pay", lane: "Treasury" },
];

const created: FindBox[] = [];

function setup() {
  const host = document.createElement("div");
  const canvas = document.createElement("canvas");
  canvas.tabIndex = 0;
  document.body.append(canvas, host);
  const reveal = vi.fn<(id: string) => void>();
  const nodes = vi.fn(() => NODES);
  const box = new FindBox(host, { nodes, reveal });
  created.push(box);
  const input = host.querySelector<HTMLInputElement>("input")!;
  return { host, canvas, reveal, nodes, box, input };
}

function key(target: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function shown(host: HTMLElement): string[] {
  return Array.from(host.querySelectorAll<HTMLElement>('[role="option"]'), (o) => o.dataset.node!);
}

function cursor(host: HTMLElement): string | undefined {
  return host.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')?.dataset.node;
}

afterEach(() => {
  // Each box listens on the document; a stale one would answer the next test's Ctrl+F.
  for (const box of created.splice(0)) box.dispose();
  document.body.replaceChildren();
});

describe("matching", () => {
  it("ignores case and accents", () => {
    expect(foldText("Réviser ÉTÉ")).toBe("reviser ete");
    expect(findNodes(NODES, "REVISER").map((n) => n.id)).toEqual(["n3"]);
    expect(findNodes(NODES, "révi").map((n) => n.id)).toEqual(["n3"]);
    expect(findNodes(NODES, "comptabilite")).toEqual([]);
  });
  it("lists names starting with the text first, then the rest in order", () => {
    expect(findNodes(NODES, "invoice").map((n) => n.id)).toEqual(["n4", "n1", "n2"]);
  });
  it("finds nothing for an empty or blank query", () => {
    expect(findNodes(NODES, "")).toEqual([]);
    expect(findNodes(NODES, "   ")).toEqual([]);
  });
});

describe("find box", () => {
  it("opens on Ctrl+F, filters as you type, and says how many match", () => {
    const { host, canvas, input, box } = setup();
    canvas.focus();
    const event = key(canvas, "f", { ctrlKey: true });
    expect(event.defaultPrevented).toBe(true);
    expect(box.isOpen).toBe(true);
    expect(document.activeElement).toBe(input);
    type(input, "INVOICE");
    expect(shown(host)).toEqual(["n4", "n1", "n2"]);
    expect(host.querySelector(".find-status")!.textContent).toBe("3 steps");
    expect(input.getAttribute("aria-expanded")).toBe("true");
    type(input, "nothing like it");
    expect(shown(host)).toEqual([]);
    expect(host.querySelector(".find-status")!.textContent).toBe("No step named like “nothing like it”");
  });

  it("moves with the arrow keys and reveals the picked node on Enter, returning focus", () => {
    const { host, canvas, input, reveal } = setup();
    canvas.focus();
    key(canvas, "f", { ctrlKey: true });
    type(input, "invoice");
    expect(cursor(host)).toBe("n4");
    key(input, "ArrowDown");
    key(input, "ArrowDown");
    expect(cursor(host)).toBe("n2");
    key(input, "ArrowDown");
    expect(cursor(host)).toBe("n2");
    key(input, "ArrowUp");
    expect(cursor(host)).toBe("n1");
    expect(input.getAttribute("aria-activedescendant")).toBe(host.querySelector('[data-node="n1"]')!.id);
    key(input, "Enter");
    expect(reveal).toHaveBeenCalledExactlyOnceWith("n1");
    expect(host.querySelector(".find-box")!.hasAttribute("hidden")).toBe(true);
    expect(document.activeElement).toBe(canvas);
  });

  it("reveals a clicked result", () => {
    const { host, input, reveal, box } = setup();
    box.open();
    type(input, "pay");
    host.querySelector('[data-node="n5"]')!.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
    expect(reveal).toHaveBeenCalledWith("n5");
  });

  it("closes on Escape without revealing, and gives focus back", () => {
    const { canvas, input, reveal, box } = setup();
    canvas.focus();
    key(canvas, "f", { ctrlKey: true });
    type(input, "pay");
    const escape = key(input, "Escape");
    expect(escape.defaultPrevented).toBe(true);
    expect(box.isOpen).toBe(false);
    expect(reveal).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(canvas);
  });

  it("reads the nodes afresh on every keystroke", () => {
    const { input, box, nodes } = setup();
    box.open();
    nodes.mockClear();
    type(input, "a");
    type(input, "ap");
    expect(nodes).toHaveBeenCalledTimes(2);
  });

  it("does nothing on Enter with no match", () => {
    const { input, reveal, box } = setup();
    box.open();
    type(input, "zzz");
    key(input, "Enter");
    expect(reveal).not.toHaveBeenCalled();
    expect(box.isOpen).toBe(true);
  });
});
