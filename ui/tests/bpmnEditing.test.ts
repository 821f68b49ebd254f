// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { buildScene } from "../src/canvas/scene";
import { attachTimer } from "../src/editor/boundary";
import { Breadcrumb } from "../src/editor/breadcrumb";
import { copy, paste } from "../src/editor/clipboard";
import { intoPlane, planePath, planeView } from "../src/editor/plane";
import { placeNode } from "../src/editor/placement";
import type { Command } from "../src/generated/Command";
import type { Process } from "../src/generated/Process";
import { artifactForm } from "../src/properties/eventForms";
import { PropertiesPanel } from "../src/properties/propertiesPanel";
import { describeTimer, parseTimer } from "../src/properties/timerText";
import { ownNames } from "./fixtures";

/** One lane with a task and a boundary timer on it. */
function process(): Process {
  return {
    schema: 2,
    id: "p",
    info: { name: "Claims", outcome: "", category: "operational", owner: "", variables: [] },
    lanes: [{ id: "lane", name: "Claims", team: "", trigger: "", output: "", order: 0 }],
    nodes: [
      { id: "check", lane: "lane", name: "Check claim", kind: { type: "task", assignee: "Clerk" } },
      { id: "late", lane: "lane", name: "Too late", kind: { type: "boundary", host: "check", trigger: { on: "timer", timer: { duration: "P2D" } } } },
      { id: "done", lane: "lane", name: "", kind: { type: "end" } },
    ],
    flows: [],
    layout: { nodes: { check: { x: 300, y: 40, w: 140, h: 64 }, late: { x: 380, y: 86, w: 36, h: 36 }, done: { x: 600, y: 54, w: 36, h: 36 } }, lanes: { lane: 200 } },
  } as Process;
}

describe("timer expressions", () => {
  it.each([
    ["duration", "3d", "P3D"],
    ["duration", "P3D", "P3D"],
    ["duration", "4h 30m", "PT4H30M"],
    ["date", "2026-03-01T09:00", "2026-03-01T09:00"],
    ["cycle", "R3/PT1H", "R3/PT1H"],
    ["cycle", "every 1h x3", "R3/PT1H"],
    ["cycle", "every 2d", "R/P2D"],
  ] as const)("%s %j is stored as %j", (type, typed, iso) => {
    expect(parseTimer(type, typed)).toEqual({ iso });
  });

  it.each([
    ["duration", "3x", "“3x” is not a duration"],
    ["date", "2026-02-30T09:00", "is not a date"],
    ["date", "tomorrow", "is not a date"],
    ["cycle", "R3/PT0M", "is not a cycle"],
    ["cycle", "hourly", "is not a cycle"],
  ] as const)("%s %j is refused", (type, typed, message) => {
    const parsed = parseTimer(type, typed);
    expect("error" in parsed && parsed.error).toContain(message);
  });

  it("says what the timer does where it sits", () => {
    expect(describeTimer("duration", "3d", "boundary")).toEqual({ text: "fires 3 days after the step starts (stored as P3D)" });
    expect(describeTimer("duration", "P3D", "catch")).toEqual({ text: "waits 3 days (stored as P3D)" });
    expect(describeTimer("date", "2026-03-01T09:00", "catch")).toEqual({ text: "fires on 1 March 2026 09:00" });
    expect(describeTimer("cycle", "R3/PT1H", "start")).toEqual({ text: "fires every hour, 3 times (stored as R3/PT1H)" });
    expect(describeTimer("cycle", "R/P2D", "start")).toEqual({ text: "fires every 2 days, without end (stored as R/P2D)" });
  });
});

describe("boundary events from the palette and the context pad", () => {
  const scene = buildScene(process());
  const task = scene.nodes.find((n) => n.id === "check")!;

  it("attaches when dropped on an activity's border", () => {
    const onTopEdge = { x: task.rect.x + 40, y: task.rect.y + 3 };
    const placed = placeNode(scene, "boundary", onTopEdge, null, 8)!;
    expect(placed.command.command).toBe("add_node");
    if (placed.command.command !== "add_node") return;
    expect(placed.command.node.kind).toEqual({ type: "boundary", host: "check", trigger: { on: "timer", timer: { duration: "P1D" } } });
    expect(placed.command.node.lane).toBe("lane");
    // Centred where it was dropped, in lane coordinates (the core puts it exactly on the border).
    const b = placed.command.bounds;
    expect([b.x + b.w / 2, b.y + b.h / 2]).toEqual([340, 43]);
  });

  it("becomes an intermediate timer when dropped away from any activity", () => {
    const inside = { x: task.rect.x + 70, y: task.rect.y + 32 };
    for (const at of [inside, { x: 900, y: 100 }]) {
      const placed = placeNode(scene, "boundary", at, null, 8)!;
      if (placed.command.command !== "add_node") throw new Error("not a node");
      expect(placed.command.node.kind.type).toBe("catch");
    }
  });

  it("does not attach to events or gateways", () => {
    const end = scene.nodes.find((n) => n.id === "done")!;
    const placed = placeNode(scene, "boundary", { x: end.rect.x, y: end.rect.y + 18 }, null, 8)!;
    if (placed.command.command !== "add_node") throw new Error("not a node");
    expect(placed.command.node.kind.type).toBe("catch");
  });

  it("puts a boundary timer from the pad on the lower edge, beside the ones already there", () => {
    const placed = attachTimer(scene, task, "new");
    if (placed.command.command !== "add_node") throw new Error("not a node");
    const b = placed.command.bounds;
    expect(b.y + b.h / 2).toBe(task.rect.y + task.rect.h - scene.lanes[0]!.rect.y);
    expect(b.x + b.w / 2).toBeGreaterThan(task.rect.x + task.rect.w * 0.7);
  });
});

describe("properties of events", () => {
  function panelOn(selection: string) {
    const host = document.createElement("aside");
    document.body.append(host);
    const execute = vi.fn<(command: Command) => Promise<boolean>>(async () => true);
    const panel = new PropertiesPanel(host, { execute, checkCondition: async () => null, processes: () => [] });
    panel.show(process(), ownNames(process()), [selection], false);
    const field = <T extends HTMLElement>(name: string) => host.querySelector<T>(`[name="${name}"]`)!;
    const type = (name: string, text: string, leave = false) => {
      const input = field<HTMLInputElement>(name);
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      if (leave) input.dispatchEvent(new Event("change", { bubbles: true }));
      return input;
    };
    const said = (name: string) => ({
      preview: host.querySelector(`#${field(name).id}-preview`)?.textContent ?? null,
      error: host.querySelector(`#${field(name).id}-error`)?.textContent || null,
    });
    return { host, execute, field, type, said };
  }

  it("previews a boundary timer as it is typed and stores ISO 8601", async () => {
    const h = panelOn("late");
    expect(h.said("timer").preview).toBe("fires 2 days after the step starts (stored as P2D)");
    h.type("timer", "3d");
    expect(h.said("timer")).toEqual({ preview: "fires 3 days after the step starts (stored as P3D)", error: null });
    h.type("timer", "3x");
    expect(h.said("timer")).toEqual({ preview: "", error: "“3x” is not a duration: write 3d, 4h 30m or P3D." });
    expect(h.field<HTMLInputElement>("timer").getAttribute("aria-invalid")).toBe("true");
    h.type("timer", "3d", true);
    await Promise.resolve();
    const late = process().nodes[1]!;
    expect(h.execute).toHaveBeenCalledWith({ command: "update_node", node: { ...late, kind: { ...late.kind, trigger: { on: "timer", timer: { duration: "P3D" } } } } });
  });

  it("offers the definitions the event kind allows", () => {
    const options = (id: string) => {
      const h = panelOn(id);
      return Array.from(h.field<HTMLSelectElement>("trigger").options, (o) => o.value);
    };
    expect(options("late")).toEqual(["message", "timer", "signal", "conditional", "escalation", "error", "compensation", "cancel"]);
    expect(options("done")).toEqual(["none", "message", "signal", "escalation", "error", "compensation", "cancel", "terminate"]);
  });

  it("makes a boundary event non-interrupting with its checkbox", async () => {
    const h = panelOn("late");
    const box = h.field<HTMLInputElement>("interrupting");
    expect(box.checked).toBe(true);
    box.checked = false;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    await Promise.resolve();
    const sent = h.execute.mock.calls.at(-1)![0];
    expect(sent.command === "update_node" && sent.node.kind).toMatchObject({ type: "boundary", interrupting: false });
  });

  it("sets a task's type, its message, and a multi-instance marker with its count", async () => {
    const h = panelOn("check");
    const pick = async (name: string, value: string) => {
      const select = h.field<HTMLSelectElement>(name);
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      await Promise.resolve();
      return h.execute.mock.calls.at(-1)![0];
    };
    const typed = await pick("task", "send");
    expect(typed.command === "update_node" && typed.node.kind).toMatchObject({ type: "task", task: "send" });
    const repeated = await pick("repeat", "parallel");
    expect(repeated.command === "update_node" && repeated.node.kind).toMatchObject({ type: "task", repeat: { marker: "parallel" } });
    const p = process();
    const task = p.nodes[0]!;
    if (task.kind.type !== "task") throw new Error("not a task");
    task.kind = { ...task.kind, task: "send", repeat: { marker: "parallel" } };
    const host = document.createElement("aside");
    const execute = vi.fn<(command: Command) => Promise<boolean>>(async () => true);
    new PropertiesPanel(host, { execute, checkCondition: async () => null, processes: () => [] }).show(p, ownNames(p), ["check"], false);
    const names = Array.from(host.querySelectorAll<HTMLInputElement>("input, select"), (c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["task_message", "repeat_count", "repeat_collection"]));
    const count = host.querySelector<HTMLInputElement>('[name="repeat_count"]')!;
    count.value = "3";
    count.dispatchEvent(new Event("change", { bubbles: true }));
    await Promise.resolve();
    const counted = execute.mock.calls.at(-1)![0];
    expect(counted.command === "update_node" && counted.node.kind).toMatchObject({ repeat: { marker: "parallel", count: "3" } });
  });

  it("turns an end event into a terminate end", async () => {
    const h = panelOn("done");
    const select = h.field<HTMLSelectElement>("trigger");
    select.value = "terminate";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await Promise.resolve();
    expect(h.execute).toHaveBeenCalledWith({ command: "update_node", node: { id: "done", lane: "lane", name: "", kind: { type: "end", trigger: { on: "terminate" } } } });
  });
});

describe("a collapsed sub-process's own plane", () => {
  function withSub(): Process {
    const p = process();
    p.nodes.push(
      { id: "sub", lane: "lane", name: "Assess damage", kind: { type: "sub_process" } },
      { id: "inspect", lane: "lane", name: "Inspect car", kind: { type: "task", assignee: "Assessor" }, parent: "sub" },
      { id: "price", lane: "lane", name: "Price repair", kind: { type: "task", assignee: "Assessor" }, parent: "sub" },
    );
    p.flows.push({ id: "f-in", source: "inspect", target: "price" }, { id: "f-out", source: "check", target: "sub" });
    Object.assign(p.layout.nodes, { sub: { x: 700, y: 40, w: 140, h: 64 }, inspect: { x: 250, y: 100, w: 140, h: 64 }, price: { x: 450, y: 100, w: 140, h: 64 } });
    return p;
  }

  it("shows only what is inside, in one band named after the sub-process", () => {
    const view = planeView(withSub(), "sub", ownNames(withSub()));
    expect(view.nodes.map((n) => n.id)).toEqual(["inspect", "price"]);
    expect(view.flows.map((f) => f.id)).toEqual(["f-in"]);
    expect(view.lanes).toEqual([{ id: "lane", name: "Assess damage", team: "", trigger: "", output: "", order: 0 }]);
    const scene = buildScene(view);
    expect(scene.nodes.find((n) => n.id === "inspect")!.rect).toEqual({ x: 250, y: 100, w: 140, h: 64 });
  });

  it("puts what is added there inside the sub-process", () => {
    const add = placeNode(buildScene(planeView(withSub(), "sub", ownNames(withSub()))), "task", { x: 400, y: 300 }, null)!;
    const inside = intoPlane({ command: "batch", commands: [add.command] }, "sub");
    if (inside.command !== "batch" || inside.commands[0]!.command !== "add_node") throw new Error("not a batch of one node");
    expect(inside.commands[0]!.node.parent).toBe("sub");
  });

  it("names the way back in the breadcrumb", () => {
    const host = document.createElement("div");
    const go = vi.fn();
    const crumb = new Breadcrumb(host, go);
    const p = withSub();
    crumb.show(p.info.name, planePath(p, "sub"), ownNames(p));
    expect(crumb.element.hidden).toBe(false);
    expect(crumb.element.textContent).toBe("Claims›Assess damage");
    expect(crumb.element.querySelector("[aria-current]")?.textContent).toBe("Assess damage");
    crumb.element.querySelector<HTMLButtonElement>("button")!.click();
    expect(go).toHaveBeenCalledWith(null);
    crumb.show(p.info.name, planePath(p, null), ownNames(p));
    expect(crumb.element.hidden).toBe(true);
  });
});

describe("copy and paste of a task with its boundary timer", () => {
  it("pastes the timer onto the copy of its task, after it", () => {
    const p = process();
    const fragment = copy(p, ["late", "check"])!;
    const pasted = paste(p, fragment, 1)!;
    if (pasted.command.command !== "batch") throw new Error("not a batch");
    const [first, second] = pasted.command.commands;
    if (first?.command !== "add_node" || second?.command !== "add_node") throw new Error("not two nodes");
    expect(first.node.kind.type).toBe("task");
    expect(second.node.kind).toMatchObject({ type: "boundary", host: first.node.id });
  });
});

describe("the process's own plane", () => {
  it("leaves out what is inside a collapsed sub-process, and is the process itself when there is none", () => {
    const p = process();
    expect(planeView(p, null, ownNames(p))).toBe(p);
    p.nodes.push({ id: "sub", lane: "lane", name: "Assess", kind: { type: "sub_process" } }, { id: "in", lane: "lane", name: "Inside", kind: { type: "task", assignee: "" }, parent: "sub" });
    p.flows.push({ id: "f", source: "in", target: "in" });
    const view = planeView(p, null, ownNames(p));
    expect(view.nodes.map((n) => n.id)).toEqual(["check", "late", "done", "sub"]);
    expect(view.flows).toEqual([]);
  });
});

describe("properties of artifacts", () => {
  it("renames a data object and makes it a list", () => {
    const data = { id: "d", kind: { type: "data_object" as const, name: "Claim" } };
    const form = artifactForm(data);
    const [name, list] = form.sections[0]!.fields;
    expect(name!.commit("Claim form")).toEqual({ command: { command: "update_artifact", artifact: { id: "d", kind: { type: "data_object", name: "Claim form" } } } });
    expect(list!.commit(true)).toEqual({ command: { command: "update_artifact", artifact: { id: "d", kind: { type: "data_object", name: "Claim", collection: true } } } });
  });
});
