// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Command } from "../src/generated/Command";
import type { Process } from "../src/generated/Process";
import { formatDuration, parseDuration } from "../src/properties/duration";
import { PropertiesPanel } from "../src/properties/propertiesPanel";
import { ownNames } from "./fixtures";
import { freshVariableName, isIdentifier, variableNameProblem } from "../src/properties/variables";

function sample(): Process {
  return {
    schema: 2,
    id: "p-invoice",
    info: {
      name: "Invoice",
      outcome: "Invoice paid",
      category: "operational",
      owner: "Finance lead",
      sla: "5d",
      variables: [
        { name: "amount", type: "number", description: "Total in EUR" },
        { name: "approved", type: "boolean" },
      ],
    },
    lanes: [{ id: "lane-ap", name: "Accounts payable", team: "AP", trigger: "Invoice arrives", output: "Payment", order: 0 }],
    nodes: [
      { id: "start", lane: "lane-ap", name: "Invoice received", kind: { type: "start" } },
      { id: "approve", lane: "lane-ap", name: "Approve invoice", kind: { type: "task", assignee: "Budget owner", sla: "1d", outputs: ["approved"] } },
      { id: "split", lane: "lane-ap", name: "", kind: { type: "gateway", gateway: "exclusive" } },
      { id: "wait", lane: "lane-ap", name: "Wait for due date", kind: { type: "catch", trigger: { on: "timer", timer: { duration: "P2D" } } } },
      { id: "pay", lane: "lane-ap", name: "Pay", kind: { type: "call", process: "p-payment", version: 2 } },
      { id: "done", lane: "lane-ap", name: "Paid", kind: { type: "end", outcome: "Paid" } },
    ],
    flows: [
      { id: "f-big", source: "split", target: "approve", label: "large", condition: "amount > 10000" },
      { id: "f-small", source: "split", target: "wait" },
    ],
    layout: { nodes: {}, lanes: {} },
  } as Process;
}

const TARGETS = [
  { id: "p-payment", name: "Payment run", latest: 3 },
  { id: "p-draft", name: "Draft only", latest: null },
];

interface Harness {
  host: HTMLElement;
  /** The panel, shown with each element's own name as its label. */
  panel: { show(process: Process, selection: readonly string[], readOnly: boolean): void };
  execute: ReturnType<typeof vi.fn<(command: Command) => Promise<boolean>>>;
  checkCondition: ReturnType<typeof vi.fn<(expression: string) => Promise<string | null>>>;
}

function harness(answer = true): Harness {
  const host = document.createElement("aside");
  document.body.append(host);
  const execute = vi.fn<(command: Command) => Promise<boolean>>(async () => answer);
  const checkCondition = vi.fn<(expression: string) => Promise<string | null>>(async (expression) =>
    expression.includes("amount") ? null : `column 1: \`${expression.split(" ")[0]}\` is not a declared variable`,
  );
  const shown = new PropertiesPanel(host, { execute, checkCondition, processes: () => TARGETS });
  const panel = { show: (process: Process, selection: readonly string[], readOnly: boolean) => shown.show(process, ownNames(process), selection, readOnly) };
  return { host, panel, execute, checkCondition };
}

function control<T extends HTMLElement = HTMLInputElement>(host: HTMLElement, name: string, index = 0): T {
  const found = host.querySelectorAll<T>(`[name="${name}"]`)[index];
  if (!found) throw new Error(`no field ${name}`);
  return found;
}

function names(host: HTMLElement): string[] {
  return Array.from(host.querySelectorAll<HTMLInputElement>("input, select, textarea"), (c) => c.name).filter((n, i, all) => all.indexOf(n) === i);
}

/** Types `value` and leaves the field, as a user would. */
function change(field: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
}

function pressEnter(field: HTMLElement): void {
  field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function errorOf(field: HTMLElement): string | null {
  const line = field.closest(".properties-field")?.querySelector<HTMLElement>(".field-error");
  return line && !line.hidden ? line.textContent : null;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe("duration grammar (mirrors src/model/duration.rs)", () => {
  it.each([
    ["0m", 0n],
    ["45m", 45n],
    ["4h 30m", 270n],
    ["2d", 2880n],
    ["1w", 10080n],
    ["8d", 8n * 1440n],
    ["30d", 30n * 1440n],
  ])("formats and parses %s canonically", (text, minutes) => {
    expect(formatDuration(minutes)).toBe(text);
    expect(parseDuration(text)).toEqual({ minutes });
  });

  it("accepts non-canonical spellings", () => {
    expect(parseDuration("90m")).toEqual({ minutes: 90n });
    expect(parseDuration("1d 1d")).toEqual({ minutes: 2880n });
    expect(parseDuration("  1w\t2d ")).toEqual({ minutes: 10080n + 2880n });
    expect(parseDuration("+3h")).toEqual({ minutes: 180n });
    expect(formatDuration(90n)).toBe("1h 30m");
    expect(formatDuration(8n * 1440n + 5n)).toBe("8d 5m");
  });

  it.each(["", "   ", "2", "2x", "d", "-1d", "1.5h", "2 d", "2D", "99999999999999999999w", "18446744073709551615w"])("rejects %j with the text in the message", (bad) => {
    const parsed = parseDuration(bad);
    expect(parsed).toEqual({ error: `\`${bad}\` is not a duration: write it like \`2d\`, \`4h 30m\` or \`1w 2d\` (units w, d, h, m)` });
  });

  it("accepts the largest u64 of minutes and refuses one more", () => {
    expect(parseDuration("18446744073709551615m")).toEqual({ minutes: 18446744073709551615n });
    expect("error" in parseDuration("18446744073709551615m 1m")).toBe(true);
  });
});

describe("variable names", () => {
  it("follow the validator's identifier rule", () => {
    for (const good of ["amount", "_x", "start_date", "A1"]) expect(isIdentifier(good)).toBe(true);
    for (const bad of ["", "1a", "a-b", "a b", "é", "amount!"]) expect(isIdentifier(bad)).toBe(false);
  });
  it("refuse duplicates but not the variable's own name", () => {
    const vars = sample().info.variables;
    expect(variableNameProblem("approved", 0, vars)).toMatch(/already a variable named approved/);
    expect(variableNameProblem("amount", 0, vars)).toBeNull();
    expect(freshVariableName([{ name: "new_variable", type: "text" }])).toBe("new_variable_2");
  });
});

describe("properties panel: what each selection shows", () => {
  let h: Harness;
  beforeEach(() => (h = harness()));

  it.each([
    [[], "process", ["name", "outcome", "category", "owner", "sla", "variable-name", "variable-type", "generated-kind"]],
    [["lane-ap"], "lane", ["name", "team", "trigger", "output"]],
    [["approve"], "node", ["name", "assignee", "duration", "sla", "cost_per_hour", "description", "outputs", "task", "repeat"]],
    [["split"], "node", ["name", "gateway"]],
    [["start"], "node", ["name", "trigger"]],
    [["done"], "node", ["name", "outcome", "trigger"]],
    [["wait"], "node", ["name", "trigger", "timer_type", "timer"]],
    [["pay"], "node", ["name", "process", "version", "repeat"]],
    [["f-big"], "flow", ["label", "condition", "default", "probability"]],
    [["approve", "f-big", "lane-ap"], "many", []],
  ] as Array<[string[], string, string[]]>)("selection %j shows %s fields", (selection, target, fields) => {
    h.panel.show(sample(), selection, false);
    expect(h.host.dataset.propertiesFor).toBe(target);
    expect(names(h.host)).toEqual(fields);
  });

  it("labels every input", () => {
    for (const selection of [[], ["lane-ap"], ["approve"], ["split"], ["wait"], ["pay"], ["f-big"]]) {
      h.panel.show(sample(), selection, false);
      for (const c of h.host.querySelectorAll<HTMLInputElement>("input, select, textarea")) {
        const labelled = c.labels?.length || c.closest("label, fieldset")?.textContent;
        expect(labelled, `${selection} ${c.name}`).toBeTruthy();
      }
    }
  });

  it("shows the current values", () => {
    h.panel.show(sample(), [], false);
    expect(control(h.host, "name").value).toBe("Invoice");
    expect(control<HTMLSelectElement>(h.host, "category").value).toBe("operational");
    expect(control(h.host, "sla").value).toBe("5d");
    expect(control(h.host, "variable-name", 1).value).toBe("approved");
    expect(control<HTMLSelectElement>(h.host, "variable-type", 0).value).toBe("number");
    h.panel.show(sample(), ["approve"], false);
    const boxes = h.host.querySelectorAll<HTMLInputElement>('input[name="outputs"]');
    expect(Array.from(boxes, (b) => [b.value, b.checked])).toEqual([
      ["amount", false],
      ["approved", true],
    ]);
    h.panel.show(sample(), ["pay"], false);
    expect(control<HTMLSelectElement>(h.host, "process").value).toBe("p-payment");
    expect(Array.from(control<HTMLSelectElement>(h.host, "version").options, (o) => o.value)).toEqual(["latest", "3", "2", "1"]);
    expect(control<HTMLSelectElement>(h.host, "version").value).toBe("2");
  });

  it("shows an imported element's BPMN id, read-only, and none for a process drawn here", () => {
    const imported = { ...sample(), foreign: { definitions: {}, nodes: { approve: { id: "Task_approve" } } } } as Process;
    h.panel.show(imported, ["approve"], false);
    expect(h.host.textContent).toContain("BPMN id: Task_approve");
    h.panel.show(imported, ["split"], false);
    expect(h.host.textContent).toContain("BPMN id: _split");
    h.panel.show(sample(), ["approve"], false);
    expect(h.host.textContent).not.toContain("BPMN id");
  });

  it("says how many elements are selected and offers nothing to edit", () => {
    h.panel.show(sample(), ["approve", "f-big", "lane-ap"], false);
    expect(h.host.textContent).toContain("3 elements selected");
    expect(h.host.querySelectorAll("input, select, textarea, button")).toHaveLength(0);
  });
});

describe("properties panel: commits", () => {
  let h: Harness;
  beforeEach(() => (h = harness()));

  it("sends the whole updated node when a task is renamed with Enter, once", async () => {
    h.panel.show(sample(), ["approve"], false);
    const name = control(h.host, "name");
    name.value = "  Approve the invoice ";
    pressEnter(name);
    name.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(h.execute).toHaveBeenCalledTimes(1);
    expect(h.execute).toHaveBeenCalledWith({
      command: "update_node",
      node: { id: "approve", lane: "lane-ap", name: "Approve the invoice", kind: { type: "task", assignee: "Budget owner", sla: "1d", outputs: ["approved"] } },
    });
  });

  it("sends update_info with the SLA in canonical form, and drops an emptied SLA", async () => {
    h.panel.show(sample(), [], false);
    change(control(h.host, "sla"), "1w 1d");
    await settle();
    const info = sample().info;
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_info", info: { ...info, sla: "8d" } });
    change(control(h.host, "sla"), "");
    await settle();
    const { sla: _sla, ...withoutSla } = info;
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_info", info: withoutSla });
  });

  it("sends update_lane, update_flow and select changes", async () => {
    h.panel.show(sample(), ["lane-ap"], false);
    change(control(h.host, "team"), "Payables");
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_lane", lane: { ...sample().lanes[0]!, team: "Payables" } });

    h.panel.show(sample(), ["split"], false);
    change(control<HTMLSelectElement>(h.host, "gateway"), "parallel");
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_node", node: { id: "split", lane: "lane-ap", name: "", kind: { type: "gateway", gateway: "parallel" } } });

    h.panel.show(sample(), ["f-small"], false);
    const box = control(h.host, "default");
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_flow", flow: { id: "f-small", source: "split", target: "wait", default: true } });

    h.panel.show(sample(), ["pay"], false);
    change(control<HTMLSelectElement>(h.host, "version"), "latest");
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_node", node: { id: "pay", lane: "lane-ap", name: "Pay", kind: { type: "call", process: "p-payment" } } });
    change(control<HTMLSelectElement>(h.host, "process"), "p-draft");
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_node", node: { id: "pay", lane: "lane-ap", name: "Pay", kind: { type: "call", process: "p-draft" } } });
  });

  it("sends the outputs the user ticks, in declaration order", async () => {
    h.panel.show(sample(), ["approve"], false);
    const amount = h.host.querySelector<HTMLInputElement>('input[name="outputs"][value="amount"]')!;
    amount.checked = true;
    amount.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({
      command: "update_node",
      node: { id: "approve", lane: "lane-ap", name: "Approve invoice", kind: { type: "task", assignee: "Budget owner", sla: "1d", outputs: ["amount", "approved"] } },
    });
  });

  it("adds, retypes and removes variables", async () => {
    h.panel.show(sample(), [], false);
    const info = sample().info;
    h.host.querySelector<HTMLButtonElement>('[data-action="add-variable"]')!.click();
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_info", info: { ...info, variables: [...info.variables, { name: "new_variable", type: "text" }] } });
    change(control<HTMLSelectElement>(h.host, "variable-type", 1), "text");
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_info", info: { ...info, variables: [info.variables[0], { name: "approved", type: "text" }] } });
    h.host.querySelector<HTMLButtonElement>('[data-action="remove-variable-0"]')!.click();
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_info", info: { ...info, variables: [{ name: "approved", type: "boolean" }] } });
  });

  it("focuses a new variable's name once it is shown", async () => {
    h.panel.show(sample(), [], false);
    h.host.querySelector<HTMLButtonElement>('[data-action="add-variable"]')!.click();
    await settle();
    const sent = h.execute.mock.calls[0]![0] as Extract<Command, { command: "update_info" }>;
    h.panel.show({ ...sample(), info: sent.info }, [], false);
    expect(document.activeElement).toBe(control(h.host, "variable-name", 2));
  });

  it("sends nothing when the value did not change", async () => {
    h.panel.show(sample(), ["lane-ap"], false);
    change(control(h.host, "team"), "AP ");
    await settle();
    expect(h.execute).not.toHaveBeenCalled();
  });
});

describe("properties panel: refusals", () => {
  let h: Harness;
  beforeEach(() => (h = harness()));

  it("refuses a cost that is not an amount, then sends the fixed one", async () => {
    h.panel.show(sample(), ["approve"], false);
    const cost = control(h.host, "cost_per_hour");
    change(cost, "lots");
    pressEnter(cost);
    await settle();
    expect(h.execute).not.toHaveBeenCalled();
    expect(errorOf(cost)).toContain('"lots" is not an amount');
    expect(cost.value).toBe("lots");
    change(cost, "45.50");
    await settle();
    expect(h.execute).toHaveBeenCalledWith({
      command: "update_node",
      node: { id: "approve", lane: "lane-ap", name: "Approve invoice", kind: { type: "task", assignee: "Budget owner", sla: "1d", outputs: ["approved"], cost_per_hour: 45.5 } },
    });
  });

  it("refuses an invalid duration with a message, keeps the text and sends nothing", async () => {
    h.panel.show(sample(), ["approve"], false);
    const sla = control(h.host, "sla");
    change(sla, "2 days");
    pressEnter(sla);
    await settle();
    expect(h.execute).not.toHaveBeenCalled();
    expect(errorOf(sla)).toContain("`2 days` is not a duration");
    expect(sla.getAttribute("aria-invalid")).toBe("true");
    expect(sla.value).toBe("2 days");
    // Fixing it clears the message and sends it.
    change(sla, "2d");
    await settle();
    expect(errorOf(sla)).toBeNull();
    expect(sla.hasAttribute("aria-invalid")).toBe(false);
    expect(h.execute).toHaveBeenCalledTimes(1);
  });

  it("keeps the user's invalid text when the same element is shown again", async () => {
    h.panel.show(sample(), ["wait"], false);
    const wait = control(h.host, "timer");
    change(wait, "soon");
    await settle();
    h.panel.show(sample(), ["wait"], false);
    expect(control(h.host, "timer")).toBe(wait);
    expect(wait.value).toBe("soon");
    expect(errorOf(wait)).toContain("“soon” is not a duration");
  });

  it("refuses an empty required name and an empty timer wait", async () => {
    h.panel.show(sample(), ["approve"], false);
    change(control(h.host, "name"), "   ");
    await settle();
    expect(errorOf(control(h.host, "name"))).toBe("A task needs a name.");
    h.panel.show(sample(), ["wait"], false);
    change(control(h.host, "timer"), "");
    await settle();
    expect(errorOf(control(h.host, "timer"))).toMatch(/needs an expression/);
    h.panel.show(sample(), [], false);
    change(control(h.host, "name"), "");
    await settle();
    expect(errorOf(control(h.host, "name"))).toBe("The process needs a name.");
    expect(h.execute).not.toHaveBeenCalled();
    // A timer may stay unnamed.
    h.panel.show(sample(), ["wait"], false);
    change(control(h.host, "name"), "");
    await settle();
    expect(h.execute).toHaveBeenCalledTimes(1);
  });

  it("refuses duplicate and malformed variable names", async () => {
    h.panel.show(sample(), [], false);
    const second = control(h.host, "variable-name", 1);
    change(second, "amount");
    await settle();
    expect(errorOf(second)).toBe("There is already a variable named amount.");
    change(second, "cfo approved");
    await settle();
    expect(errorOf(second)).toMatch(/is not a variable name/);
    expect(second.value).toBe("cfo approved");
    expect(h.execute).not.toHaveBeenCalled();
  });

  it("leaves the text in place when the backend refuses, and does not resend it on blur", async () => {
    const refusing = harness(false);
    refusing.panel.show(sample(), ["lane-ap"], false);
    const team = control(refusing.host, "team");
    team.value = "Payables";
    pressEnter(team);
    await settle();
    team.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(refusing.execute).toHaveBeenCalledTimes(1);
    expect(team.value).toBe("Payables");
    pressEnter(team);
    await settle();
    expect(refusing.execute).toHaveBeenCalledTimes(2);
  });
});

describe("properties panel: flow conditions", () => {
  let h: Harness;
  beforeEach(() => (h = harness()));

  it("checks the condition while typing, after a quiet time, and shows the message in place", async () => {
    vi.useFakeTimers();
    h.panel.show(sample(), ["f-big"], false);
    const condition = control(h.host, "condition");
    for (const text of ["c", "cf", "cfo > 1"]) {
      condition.value = text;
      condition.dispatchEvent(new Event("input", { bubbles: true }));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(h.checkCondition).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(150);
    expect(h.checkCondition).toHaveBeenCalledTimes(1);
    expect(h.checkCondition).toHaveBeenCalledWith("cfo > 1");
    expect(errorOf(condition)).toBe("column 1: `cfo` is not a declared variable");
    expect(condition.getAttribute("aria-invalid")).toBe("true");

    condition.value = "amount > 5";
    condition.dispatchEvent(new Event("input", { bubbles: true }));
    await vi.advanceTimersByTimeAsync(250);
    expect(errorOf(condition)).toBeNull();
    expect(condition.hasAttribute("aria-invalid")).toBe(false);
    expect(h.execute).not.toHaveBeenCalled();
  });

  it("refuses to commit a condition that does not check", async () => {
    h.panel.show(sample(), ["f-big"], false);
    const condition = control(h.host, "condition");
    change(condition, "cfo_approved == true");
    await settle();
    expect(h.execute).not.toHaveBeenCalled();
    expect(errorOf(condition)).toBe("column 1: `cfo_approved` is not a declared variable");
    expect(condition.value).toBe("cfo_approved == true");
  });

  it("commits a condition that checks, and clears one that is emptied without asking", async () => {
    h.panel.show(sample(), ["f-big"], false);
    change(control(h.host, "condition"), "amount >= 5000");
    await settle();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_flow", flow: { ...sample().flows[0]!, condition: "amount >= 5000" } });
    h.checkCondition.mockClear();
    change(control(h.host, "condition"), "");
    await settle();
    expect(h.checkCondition).not.toHaveBeenCalled();
    expect(h.execute).toHaveBeenLastCalledWith({ command: "update_flow", flow: { id: "f-big", source: "split", target: "approve", label: "large" } });
  });
});

describe("properties panel: read-only and re-rendering", () => {
  it("disables every input and button when read-only", () => {
    const h = harness();
    for (const selection of [[], ["lane-ap"], ["approve"], ["split"], ["done"], ["wait"], ["pay"], ["f-big"]]) {
      h.panel.show(sample(), selection, true);
      const controls = h.host.querySelectorAll<HTMLInputElement>("input, select, textarea, button");
      expect(controls.length).toBeGreaterThan(0);
      for (const c of controls) expect(c.disabled, `${selection} ${c.name}`).toBe(true);
    }
    h.panel.show(sample(), ["approve"], true);
    change(control(h.host, "name"), "Renamed");
    expect(h.execute).not.toHaveBeenCalled();
  });

  it("keeps focus and caret in the field being edited when the same element is shown again", () => {
    const h = harness();
    h.panel.show(sample(), ["lane-ap"], false);
    const trigger = control(h.host, "trigger");
    trigger.focus();
    trigger.setSelectionRange(3, 5);
    const renamed = sample();
    renamed.lanes[0] = { ...renamed.lanes[0]!, name: "Payables" };
    h.panel.show(renamed, ["lane-ap"], false);
    expect(control(h.host, "trigger")).toBe(trigger);
    expect(document.activeElement).toBe(trigger);
    expect([trigger.selectionStart, trigger.selectionEnd]).toEqual([3, 5]);
    expect(control(h.host, "name").value).toBe("Payables");
    expect(h.host.querySelector(".properties-title")!.textContent).toBe("Payables");
  });

  it("restores focus by field when the form's shape changes (a variable removed by undo)", () => {
    const h = harness();
    h.panel.show(sample(), [], false);
    const owner = control(h.host, "owner");
    owner.focus();
    owner.setSelectionRange(2, 2);
    const fewer = sample();
    fewer.info.variables = fewer.info.variables.slice(0, 1);
    h.panel.show(fewer, [], false);
    const again = control(h.host, "owner");
    expect(again).not.toBe(owner);
    expect(document.activeElement).toBe(again);
    expect([again.selectionStart, again.selectionEnd]).toEqual([2, 2]);
  });

  it("overwrites a field whose value changed by undo", () => {
    const h = harness();
    h.panel.show(sample(), ["lane-ap"], false);
    const renamed = sample();
    renamed.lanes[0] = { ...renamed.lanes[0]!, team: "Payables" };
    h.panel.show(renamed, ["lane-ap"], false);
    expect(control(h.host, "team").value).toBe("Payables");
    h.panel.show(sample(), ["lane-ap"], false);
    expect(control(h.host, "team").value).toBe("AP");
  });
});

describe("properties panel: typed text survives a new shape of the same element", () => {
  it("keeps a refused SLA and its message when a variable is added", async () => {
    const h = harness();
    h.panel.show(sample(), [], false);
    change(control(h.host, "sla"), "next week");
    await settle();
    const more = sample();
    more.info.variables = [...more.info.variables, { name: "new_variable", type: "text" }];
    h.panel.show(more, [], false);
    const sla = control(h.host, "sla");
    expect(sla.value).toBe("next week");
    expect(errorOf(sla)).toContain("`next week` is not a duration");
    expect(sla.getAttribute("aria-invalid")).toBe("true");
    // Another element starts clean.
    h.panel.show(sample(), ["lane-ap"], false);
    h.panel.show(sample(), [], false);
    expect(control(h.host, "sla").value).toBe("5d");
    expect(errorOf(control(h.host, "sla"))).toBeNull();
  });
});
