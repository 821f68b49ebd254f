// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Canvas } from "../src/canvas";
import { ChangeList } from "../src/compare/changeList";
import { Breadcrumb } from "../src/editor/breadcrumb";
import { planePath, planeView } from "../src/editor/plane";
import type { Problem } from "../src/generated/Problem";
import type { Process } from "../src/generated/Process";
import type { SimulationStep } from "../src/generated/SimulationStep";
import type { ComparisonFixture } from "../src/mockBackend";
import type { Names } from "../src/names";
import { CounterexamplePlayer } from "../src/problems/counterexamplePlayer";
import { ProblemsPanel } from "../src/problems/problemsPanel";
import { formFor } from "../src/properties/elementForms";
import { PropertiesPanel } from "../src/properties/propertiesPanel";
import { ActionList } from "../src/simulation/actionList";
import { actionLabel, statusText } from "../src/simulation/describe";
import { logRows } from "../src/simulation/logRows";
import bookingJson from "./fixtures/corpus-booking.json";
import problemsJson from "./fixtures/corpus-booking.problems.json";
import compareJson from "./fixtures/compare-corpus-booking.json";
import runJson from "./fixtures/simulation-corpus-booking.json";
import { sampleNames } from "./fixtures";

/* A BPMN file another tool wrote (MIWG C.6.0 from the Camunda Modeler: unnamed gateways, flows,
   boundary events and an unnamed event sub-process), imported by the core, with what the core
   answered for it (fixtures/generate.sh): every panel that names its elements is filled the way
   the app fills it, and no visible text may name an element by an empty name or an id. */

const booking = bookingJson as unknown as Process;
const names: Names = sampleNames[booking.id]!;
const problems = problemsJson as unknown as Problem[];
const comparison = compareJson as unknown as ComparisonFixture;
const run = runJson as unknown as { steps: SimulationStep[]; fired: SimulationStep["enabled"] };

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
/** An empty name in quotes, a name the map lacked, or a value that never became text. */
const EMPTY = /""|“”|''|‘’|a removed element|\bundefined\b|\bnull\b|\(\s*\)|\bIn\s*,/;

/** The lines of `text` that name something by an empty name or by an id. */
function unreadable(where: string, text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => UUID.test(line) || EMPTY.test(line))
    .map((line) => `${where}: ${line}`);
}

/** The text a person sees in `host`: each element's own text on a line of its own. */
function visible(host: Element): string {
  const lines: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      const text = node.textContent?.trim();
      if (text) lines.push(text);
    }
    if (node instanceof HTMLElement && node.hidden) return;
    node.childNodes.forEach(walk);
  };
  walk(host);
  return lines.join("\n");
}

const unnamed = (ids: readonly string[]) => ids.filter((id) => names[id]?.named === false);
const elementIds = [...booking.lanes.map((l) => l.id), ...booking.nodes.map((n) => n.id), ...booking.flows.map((f) => f.id)];

describe("an imported process with unnamed elements, as every panel shows it", () => {
  it("has unnamed gateways, flows, boundary events and a sub-process, each labelled by the core", () => {
    const kinds = new Set(booking.nodes.filter((n) => !n.name.trim()).map((n) => n.kind.type));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(["boundary", "gateway", "sub_process"]));
    expect(booking.flows.some((f) => !f.label?.trim())).toBe(true);
    for (const id of elementIds) expect(names[id]?.text, id).toBeTruthy();
  });

  it("properties panel: heading and subtitle of every lane, step and flow", () => {
    const host = document.createElement("aside");
    const panel = new PropertiesPanel(host, { execute: async () => true, checkCondition: async () => null, processes: () => [] });
    const found: string[] = [];
    const seen: string[] = [];
    for (const id of elementIds) {
      panel.show(booking, names, [id], false);
      const text = visible(host);
      seen.push(text);
      found.push(...unreadable(`properties of ${names[id]!.text}`, text));
    }
    expect(found).toEqual([]);
    // An unnamed step's subtitle is the core's description of it.
    for (const id of unnamed(booking.nodes.map((n) => n.id))) {
      expect(formFor(booking, names, [id], []).subtitle.toLowerCase()).toContain(names[id]!.text.toLowerCase());
    }
    expect(seen.length).toBe(elementIds.length);
  });

  it("breadcrumb and plane band of every sub-process", () => {
    const host = document.createElement("div");
    const crumb = new Breadcrumb(host, () => undefined);
    const subs = booking.nodes.filter((n) => n.kind.type === "sub_process");
    const found: string[] = [];
    for (const sub of subs) {
      crumb.show(booking.info.name, planePath(booking, sub.id), names);
      found.push(...unreadable("breadcrumb", visible(crumb.element).replace(/\n?›\n?/g, " › ")));
      found.push(...unreadable("plane band", planeView(booking, sub.id, names).lanes[0]!.name));
    }
    expect(subs.some((s) => !s.name.trim())).toBe(true);
    expect(found).toEqual([]);
  });

  it("counterexample player: every step of a run through each node", () => {
    const bar = document.createElement("div");
    const canvas = { setDecorations: () => undefined, setMode: () => undefined } as unknown as Canvas;
    const player = new CounterexamplePlayer(bar, canvas, () => undefined);
    const path = booking.nodes.map((n) => ({ node: n.id, consumed: [], produced: [] }));
    const problem: Problem = { severity: "error", code: "deadlock", element: null, message: "the run gets stuck", hint: "", path };
    player.play(booking, names, problem);
    const found: string[] = [];
    // It opens at the last step; Back walks to the first.
    const texts: string[] = [];
    for (let step = path.length; step >= 0; step--) {
      texts.push(visible(bar));
      found.push(...unreadable(`counterexample step ${step}`, texts.at(-1)!));
      bar.querySelector<HTMLButtonElement>("#counterexample-back")!.click();
    }
    expect(texts.at(-1)).toContain("Step 0 of");
    expect(found).toEqual([]);
  });

  it("simulation: actions, choices, status, timeline and log of a run the core made", () => {
    expect(run.steps.length).toBeGreaterThan(3);
    const list = new ActionList(document.createElement("div"), () => undefined);
    const found: string[] = [];
    run.steps.forEach((step, i) => {
      list.show(step.instance, step.enabled, step.names);
      found.push(...unreadable(`actions at step ${i}`, visible(list.element)));
      found.push(...unreadable(`status at step ${i}`, statusText(step.instance, step.names)));
      const fired = run.fired[i];
      if (fired) found.push(...unreadable(`timeline ${i}`, actionLabel(step.instance, step.names, fired)));
    });
    const rows = logRows(run.steps.at(-1)!.instance);
    found.push(...rows.flatMap((r) => unreadable(`log step ${r.step}`, `${r.node} · ${r.lane}`)));
    expect(found).toEqual([]);
  });

  it("problems list: every problem the core finds", () => {
    const panel = document.createElement("section");
    panel.innerHTML = "<header><h2>Problems</h2></header>";
    const list = new ProblemsPanel(panel, document.createElement("button"), () => undefined);
    list.show(booking.info.name, problems);
    expect(problems.length).toBeGreaterThan(0);
    expect(unreadable("problems", visible(panel))).toEqual([]);
  });

  it("compare list: the changes to an edited copy", () => {
    const panel = document.createElement("section");
    const list = new ChangeList(panel, () => undefined);
    list.show(comparison.diff, `v${comparison.from}`, `v${comparison.to}`);
    expect(comparison.diff.changes.length).toBeGreaterThan(1);
    expect(unreadable("compare", visible(panel))).toEqual([]);
  });
});
