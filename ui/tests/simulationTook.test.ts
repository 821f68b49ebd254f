// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import type { Action } from "../src/generated/Action";
import type { SimulationStep } from "../src/generated/SimulationStep";
import { ActionList } from "../src/simulation/actionList";
import { actionLabel } from "../src/simulation/describe";
import runJson from "./fixtures/simulation-accounts-payable.json";

// Recorded by the real core (fixtures/generate.sh): step 1 offers "Match to purchase order"
// (planned 30m, decides po_matched), step 0 "Register invoice" (planned 15m).
const run = runJson as unknown as { steps: SimulationStep[] };

/** Step `index` with a two-day boundary timer "Chase the vendor" on the task it offers. */
function withTimer(index: number): SimulationStep {
  const step = structuredClone(run.steps[index]!);
  const task = step.instance.definition.nodes.find((n) => n.id === step.enabled[0]!.node)!;
  step.instance.definition.nodes.push({
    id: "timer-1",
    lane: task.lane,
    name: "Chase the vendor",
    kind: { type: "boundary", host: task.id, trigger: { on: "timer", timer: { duration: "P2D" } } },
  });
  return step;
}

function shown(step: SimulationStep) {
  const fired = vi.fn<(action: Action) => void>();
  const list = new ActionList(document.createElement("div"), fired);
  document.body.replaceChildren(list.element);
  list.show(step.instance, step.enabled, step.names);
  const took = list.element.querySelector<HTMLInputElement>('[data-action-index="0"] input[name="took"]')!;
  const fire = list.element.querySelector<HTMLButtonElement>('[data-action-index="0"] .sim-fire')!;
  return { list, fired, took, fire };
}

describe("how long a task takes in the step simulator", () => {
  it("offers a Takes field that names the boundary timer it can outrun", () => {
    const { list, took } = shown(withTimer(0));
    expect(took.placeholder).toBe("15m as planned");
    expect(list.element.querySelector(".sim-took .sim-field-hint")!.textContent).toBe("Timer “Chase the vendor” fires after 2 days");
  });

  it("fires the task taking the typed time, in the core's spelling, with the data it decides", () => {
    const { fired, took, fire, list } = shown(withTimer(1));
    took.value = "P2DT1H";
    list.element.querySelector<HTMLInputElement>('input[data-variable="po_matched"]')!.click();
    fire.click();
    expect(fired).toHaveBeenCalledWith({ ...run.steps[1]!.enabled[0]!, set: { po_matched: true }, took: "2d 1h" });
  });

  it("leaves the time out when the field is empty, and refuses one that is not a duration", () => {
    const empty = shown(withTimer(0));
    empty.fire.click();
    expect(empty.fired).toHaveBeenCalledWith(run.steps[0]!.enabled[0]!);

    const wrong = shown(withTimer(0));
    wrong.took.value = "two days";
    wrong.fire.click();
    expect(wrong.fired).not.toHaveBeenCalled();
    expect(wrong.fire.validationMessage).toMatch(/^Takes: `two days` is not a duration/);
    wrong.took.value = "3d";
    wrong.fire.click();
    expect(wrong.fired).toHaveBeenCalledWith({ ...run.steps[0]!.enabled[0]!, took: "3d" });
  });

  it("offers no Takes field where nothing runs (a gateway), and says how long a fired step took", () => {
    const { took } = shown(run.steps[2]!);
    expect(took).toBeNull();
    const step = run.steps[0]!;
    expect(actionLabel(step.instance, step.names, { ...step.enabled[0]!, took: "3d" })).toBe("Register invoice, taking 3d");
  });
});
