// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { intersects } from "../src/canvas/geometry";
import { minimapFit, needsMinimap } from "../src/canvas/minimap";
import { buildScene, PINNED_HEADER_PX, pinnedHeader } from "../src/canvas/scene";
import { commandLabel } from "../src/editor/commandLabel";
import { linesOf, padPlacement } from "../src/editor/padPlacement";
import { appendNode } from "../src/editor/placement";
import type { Command } from "../src/generated/Command";
import { PanelFolding } from "../src/panels/panelFolding";
import { payablesV2 } from "./fixtures";

describe("padPlacement", () => {
  const room = { x: 0, y: 0, w: 1000, h: 700 };
  const pad = { w: 200, h: 36 };
  const selection = { x: 400, y: 300, w: 140, h: 64 };

  it("puts the pad above the selection when nothing is there", () => {
    expect(padPlacement(selection, pad, [], room)).toEqual({ x: 400, y: 300 - 8 - 36 });
  });

  it("moves below when a step sits above, and to the side when both are taken", () => {
    const above = { x: 380, y: 230, w: 140, h: 64 };
    expect(padPlacement(selection, pad, [above], room)).toEqual({ x: 400, y: 372 });
    const below = { x: 380, y: 372, w: 140, h: 64 };
    const at = padPlacement(selection, pad, [above, below], room);
    const box = { ...at, ...pad };
    expect(intersects(box, above) || intersects(box, below) || intersects(box, selection)).toBe(false);
  });

  it("stays inside the room at the edge of the canvas", () => {
    const at = padPlacement({ x: 900, y: 2, w: 140, h: 64 }, pad, [], room);
    expect(at.x + pad.w).toBeLessThanOrEqual(room.w);
    expect(at.y).toBeGreaterThanOrEqual(0);
  });
});

describe("linesOf", () => {
  it("gives the segments of a step's own flows, so the pad keeps off the flow just drawn to it", () => {
    const scene = buildScene(payablesV2);
    const step = scene.nodes.find((n) => n.name === "Match to purchase order")!;
    const own = scene.flows.filter((f) => f.sourceId === step.id || f.targetId === step.id);
    const lines = linesOf(scene, step.id);
    expect(lines).toHaveLength(own.reduce((n, f) => n + f.points.length - 1, 0));
    const incoming = own.find((f) => f.targetId === step.id)!;
    const end = incoming.points.at(-1)!;
    expect(lines.some((r) => end.x >= r.x && end.x <= r.x + r.w && end.y >= r.y && end.y <= r.y + r.h)).toBe(true);
  });

  it("moves the pad off a flow that comes in from above", () => {
    const selection = { x: 400, y: 300, w: 140, h: 64 };
    const incoming = { x: 466, y: 200, w: 8, h: 100 };
    const at = padPlacement(selection, { w: 200, h: 36 }, [incoming], { x: 0, y: 0, w: 1000, h: 700 });
    expect(intersects({ ...at, w: 200, h: 36 }, incoming)).toBe(false);
  });
});

describe("pinnedHeader", () => {
  const scene = buildScene(payablesV2);
  const lane = scene.lanes[0]!;

  it("leaves a header in place until the view scrolls past it", () => {
    expect(pinnedHeader(lane, lane.header.x - 50, 1)).toBe(lane);
  });

  it("pins a narrow strip to the view's edge once scrolled, so it covers no step's name", () => {
    const left = lane.header.x + 600;
    for (const zoom of [0.5, 1, 2]) {
      const { header } = pinnedHeader(lane, left, zoom);
      expect(header.x).toBe(left + lane.rect.x);
      expect(header.w * zoom).toBeCloseTo(PINNED_HEADER_PX);
    }
    expect(PINNED_HEADER_PX).toBeLessThan(lane.header.w / 4);
  });
});

describe("appendNode", () => {
  it("places the new step after its source, connected, never on top of another step", () => {
    const scene = buildScene(payablesV2);
    // "Register invoice" has "Match to purchase order" right after it: the new task goes past it.
    const source = scene.nodes.find((n) => n.name === "Register invoice")!;
    const appended = appendNode(scene, source, "task", null)!;
    const [add, flow] = (appended.command as Extract<Command, { command: "batch" }>).commands as [Extract<Command, { command: "add_node" }>, Extract<Command, { command: "add_flow" }>];
    const lane = scene.lanes.find((l) => l.id === source.laneId)!;
    const box = { ...add.bounds, y: add.bounds.y + lane.rect.y };
    expect(add.node.lane).toBe(source.laneId);
    expect(box.x).toBeGreaterThan(source.rect.x + source.rect.w);
    expect(scene.nodes.filter((n) => intersects(box, n.rect)).map((n) => n.name)).toEqual([]);
    expect(flow.flow).toMatchObject({ source: source.id, target: add.node.id });
  });

  it("places below the source for ↓", () => {
    const scene = buildScene(payablesV2);
    const source = scene.nodes.find((n) => n.name === "Register invoice")!;
    const appended = appendNode(scene, source, "end", null, "below")!;
    const add = (appended.command as Extract<Command, { command: "batch" }>).commands[0] as Extract<Command, { command: "add_node" }>;
    const lane = scene.lanes.find((l) => l.id === source.laneId)!;
    expect(add.bounds.y + lane.rect.y).toBeGreaterThan(source.rect.y + source.rect.h);
  });
});

describe("commandLabel", () => {
  const task = payablesV2.nodes.find((n) => n.name === "Register invoice")!;

  it("names an append by the step it adds and a rename by both names", () => {
    const add: Command = { command: "add_node", node: { ...task, id: "n1", name: "Submit request" }, bounds: { x: 0, y: 0, w: 1, h: 1 } };
    const flow: Command = { command: "add_flow", flow: { id: "f1", source: task.id, target: "n1" } };
    expect(commandLabel({ command: "batch", commands: [add, flow] }, payablesV2)).toBe("add “Submit request”");
    expect(commandLabel({ command: "update_node", node: { ...task, name: "Register the invoice" } }, payablesV2)).toBe("rename “Register invoice” to “Register the invoice”");
    expect(commandLabel({ command: "remove_node", node: task.id }, payablesV2)).toBe("delete “Register invoice”");
  });

  it("counts a batch of moves", () => {
    const move = (node: string): Command => ({ command: "move_node", node, lane: task.lane, bounds: { x: 0, y: 0, w: 1, h: 1 } });
    expect(commandLabel({ command: "batch", commands: [move(task.id), move(payablesV2.nodes[1]!.id)] }, payablesV2)).toBe("move 2 steps");
  });
});

describe("minimap", () => {
  it("is shown only when the view does not hold the whole process", () => {
    const content = { x: 0, y: 0, w: 2000, h: 800 };
    expect(needsMinimap(content, { x: -10, y: -10, w: 2100, h: 900 })).toBe(false);
    expect(needsMinimap(content, { x: 0, y: 0, w: 1000, h: 900 })).toBe(true);
  });

  it("fits the whole process inside the map", () => {
    const fit = minimapFit({ x: 100, y: 50, w: 2000, h: 800 }, 200, 130);
    expect(100 * fit.scale + fit.x).toBeGreaterThanOrEqual(0);
    expect(2100 * fit.scale + fit.x).toBeLessThanOrEqual(200);
    expect(850 * fit.scale + fit.y).toBeLessThanOrEqual(130);
  });
});

describe("PanelFolding", () => {
  const make = () => {
    document.body.innerHTML = `<div class="app"><button id="s"></button><aside id="p"></aside><button id="t"></button></div>`;
    const el = (id: string) => document.getElementById(id)!;
    const folding = new PanelFolding(document.querySelector<HTMLElement>(".app")!, el("s") as HTMLButtonElement, el("p"), el("t") as HTMLButtonElement);
    return { folding, panel: el("p"), toggle: el("t"), app: document.querySelector<HTMLElement>(".app")! };
  };

  it("opens the properties with a selection, keeps them for the process after it, closes them for another process", () => {
    const { folding, panel, toggle } = make();
    expect(panel.hidden).toBe(true);
    folding.selectionChanged(true);
    expect(panel.hidden).toBe(false);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    folding.selectionChanged(false);
    expect(panel.hidden).toBe(false);
    folding.processOpened();
    expect(panel.hidden).toBe(true);
  });

  it("opens and closes by its button", () => {
    const { panel, toggle } = make();
    toggle.click();
    expect(panel.hidden).toBe(false);
    toggle.click();
    expect(panel.hidden).toBe(true);
  });

  it("folds the process list away and remembers it", () => {
    localStorage.clear();
    const first = make();
    first.folding.setSidebarFolded(true);
    expect(first.app.classList.contains("sidebar-collapsed")).toBe(true);
    expect(make().folding.sidebarFolded).toBe(true);
    localStorage.clear();
  });
});
