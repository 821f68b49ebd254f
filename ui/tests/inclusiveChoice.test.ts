// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Action } from "../src/generated/Action";
import type { Instance } from "../src/generated/Instance";
import { ActionList } from "../src/simulation/actionList";
import type { Names } from "../src/names";
import { actionLabel } from "../src/simulation/describe";

/** A run waiting at a gateway of `gateway` kind with three ways out the conditions do not decide. */
function waiting(gateway: "inclusive" | "exclusive"): { instance: Instance; enabled: Action[]; names: Names } {
  const node = (id: string, name: string, kind: object) => ({ id, lane: "l", name, kind });
  const definition = {
    id: "p",
    info: { name: "Supplier contract", variables: [] },
    lanes: [{ id: "l", name: "Legal" }],
    nodes: [
      node("g", "Which reviews?", { type: "gateway", gateway }),
      node("legal", "Legal review", { type: "task" }),
      node("finance", "Finance review", { type: "task" }),
      node("tax", "Tax review", { type: "task" }),
    ],
    flows: [
      { id: "f-legal", source: "g", target: "legal", label: "Legal" },
      { id: "f-finance", source: "g", target: "finance", label: "" },
      { id: "f-tax", source: "g", target: "tax", label: "Tax" },
    ],
  };
  const instance = { definition, calls: [], tokens: [], log: [], breaches: [], status: { state: "running" } } as unknown as Instance;
  const evaluations = [{ flow: "f-legal", condition: "approved == true", value: null, error: "no value for approved" }];
  const enabled = ["f-legal", "f-finance", "f-tax"].map((flow): Action => ({ node: "g", take: [flow], evaluations }));
  // The core's labels of this definition: the unlabelled way is described, not named.
  const named = (text: string) => ({ text, named: true });
  const names: Names = {
    g: named("Which reviews?"),
    legal: named("Legal review"),
    finance: named("Finance review"),
    tax: named("Tax review"),
    "f-legal": named("Legal"),
    "f-finance": { text: "flow 'Which reviews?' → 'Finance review'", named: false },
    "f-tax": named("Tax"),
  };
  return { instance, enabled, names };
}

function listed(gateway: "inclusive" | "exclusive") {
  const fired: Action[] = [];
  const list = new ActionList(document.createElement("div"), (a) => fired.push(a));
  const { instance, enabled, names } = waiting(gateway);
  list.show(instance, enabled, names);
  return { list, fired, instance };
}

describe("an inclusive gateway's choice", () => {
  it("offers a checkbox per way out and one button that takes every ticked way", () => {
    const { list, fired } = listed("inclusive");
    const boxes = [...list.element.querySelectorAll<HTMLInputElement>(".sim-way")];
    expect(boxes.map((b) => b.parentElement!.textContent!.trim())).toEqual(["Legal", "flow 'Which reviews?' → 'Finance review'", "Tax"]);
    const take = list.element.querySelector<HTMLButtonElement>(".sim-take-ways")!;
    expect(take.textContent).toBe("Take these ways");
    expect(list.element.querySelectorAll(".sim-action")).toHaveLength(0);
    expect(take.disabled).toBe(true);
    for (const box of [boxes[0]!, boxes[2]!]) {
      box.checked = true;
      box.dispatchEvent(new Event("change"));
    }
    expect(take.disabled).toBe(false);
    take.click();
    expect(fired).toHaveLength(1);
    expect(fired[0]!.take).toEqual(["f-legal", "f-tax"]);
    expect(fired[0]!.node).toBe("g");
  });

  it("is disabled again when every way is unticked, and fires nothing", () => {
    const { list, fired } = listed("inclusive");
    const box = list.element.querySelector<HTMLInputElement>(".sim-way")!;
    const take = list.element.querySelector<HTMLButtonElement>(".sim-take-ways")!;
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    box.checked = false;
    box.dispatchEvent(new Event("change"));
    expect(take.disabled).toBe(true);
    take.click();
    expect(fired).toHaveLength(0);
  });

  it("leaves an exclusive gateway one button per way", () => {
    const { list, fired } = listed("exclusive");
    expect(list.element.querySelectorAll(".sim-way")).toHaveLength(0);
    const buttons = [...list.element.querySelectorAll<HTMLButtonElement>(".sim-action .sim-fire")];
    expect(buttons.map((b) => b.textContent)).toEqual(["Which reviews? → Legal", "Which reviews? → flow 'Which reviews?' → 'Finance review'", "Which reviews? → Tax"]);
    buttons[1]!.click();
    expect(fired.map((a) => a.take)).toEqual([["f-finance"]]);
  });

  it("names a set of ways in one label", () => {
    const { instance, names } = waiting("inclusive");
    expect(actionLabel(instance, names, { node: "g", take: ["f-legal", "f-finance"] })).toBe("Which reviews? → Legal and flow 'Which reviews?' → 'Finance review'");
  });
});
