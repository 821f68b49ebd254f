import { describe, expect, it } from "vitest";
import type { Process } from "../src/generated/Process";
import { formFor } from "../src/properties/elementForms";
import type { FieldSpec, Form } from "../src/properties/form";
import { kindOf, kindsFor, numbersText, parseGenerated } from "../src/properties/generatedData";
import { probabilitySum } from "../src/properties/probability";

function purchase(over?: number, under?: number): Process {
  return {
    schema: 3,
    id: "p",
    info: {
      name: "Purchase request",
      outcome: "",
      category: "operational",
      owner: "",
      variables: [{ name: "amount", type: "number" }, { name: "urgent", type: "boolean" }],
    },
    lanes: [{ id: "l", name: "Requester", team: "", trigger: "", output: "", order: 0 }],
    nodes: [
      { id: "d", lane: "l", name: "Over 5,000?", kind: { type: "gateway", gateway: "exclusive" } },
      { id: "m", lane: "l", name: "Manager approval", kind: { type: "task", assignee: "Manager" } },
      { id: "a", lane: "l", name: "Auto-approve", kind: { type: "task", assignee: "Requester" } },
    ],
    flows: [
      { id: "f-over", source: "d", target: "m", condition: "amount > 5000", ...(over === undefined ? {} : { probability: over }) },
      { id: "f-under", source: "d", target: "a", default: true, ...(under === undefined ? {} : { probability: under }) },
      { id: "f-on", source: "m", target: "a" },
    ],
    layout: { nodes: {}, lanes: {} },
  } as Process;
}

function field(form: Form, key: string): FieldSpec {
  const found = form.sections.flatMap((s) => [...s.fields, ...(s.rows ?? []).flatMap((r) => r.fields)]).find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
}

describe("a way out of a decision", () => {
  it("has a probability in percent, committed as a fraction", () => {
    const form = formFor(purchase(), {}, ["f-over"], []);
    const probability = field(form, "probability");
    expect(probability.label).toBe("Probability (%)");
    expect(probability.commit("60 %")).toEqual({ command: { command: "update_flow", flow: { ...purchase().flows[0], probability: 0.6 } } });
    expect(probability.commit("120")).toEqual({ error: '"120" is not a percentage from 0 to 100.' });
    expect(formFor(purchase(0.6), {}, ["f-over"], []).sections.find((s) => s.key === "probability-warning")?.note).toBe(
      "⚠ Ways out: 60 % + ?. Give every way out a probability (1 missing).",
    );
  });

  it("shows the sum over the decision's ways and warns when it is not 100 %", () => {
    expect(probabilitySum(purchase(0.6, 0.4), purchase().flows[0]!)).toEqual({ text: "Ways out: 60 % + 40 % = 100 %.", warning: false });
    expect(probabilitySum(purchase(0.6, 0.3), purchase().flows[0]!)?.text).toBe("Ways out: 60 % + 30 % = 90 %, not 100 %. A what-if run refuses them until they add up.");
    expect(probabilitySum(purchase(), purchase().flows[0]!)).toBeNull();
  });

  it("is not offered on a flow that leaves a task", () => {
    expect(() => field(formFor(purchase(), {}, ["f-on"], []), "probability")).toThrow("no field probability");
  });
});

describe("generated data", () => {
  it("offers the kinds that suit the variable's type", () => {
    expect(kindsFor("number")).toEqual(["none", "fixed", "uniform", "triangular", "normal", "lognormal", "exponential", "empirical", "values"]);
    expect(kindsFor("boolean")).toEqual(["none", "chance"]);
    expect(kindsFor("text")).toEqual(["none", "values"]);
  });

  it("reads and writes each kind's numbers", () => {
    const uniform = parseGenerated("uniform", "0, 10000", "number");
    expect(uniform).toEqual({ type: "number", sample: { distribution: "uniform", min: 0, max: 10000 } });
    expect(numbersText(uniform as never)).toBe("0, 10000");
    const values = parseGenerated("values", "7000: 1, 100: 3", "number");
    expect(values).toEqual({ type: "choice", weights: { "7000": 1, "100": 3 } });
    // Values keep the order the core keeps them in (numbers as text, sorted).
    expect(numbersText(values as never)).toBe("100: 3, 7000");
    const observed = parseGenerated("empirical", "120, 450, 3000", "number");
    expect(observed).toEqual({ type: "number", sample: { distribution: "empirical", values: [120, 450, 3000] } });
    expect(numbersText(observed as never)).toBe("120, 450, 3000");
    expect(parseGenerated("chance", "25 %", "boolean")).toEqual({ type: "boolean", probability: 0.25 });
    expect(parseGenerated("triangular", "3, 2, 1", "number")).toEqual({ error: "Write lowest, most likely, highest, in that order." });
    expect(parseGenerated("normal", "5000", "number")).toEqual({ error: "Normal takes 2 numbers: mean, standard deviation." });
    expect(parseGenerated("values", "abc", "number")).toEqual({ error: '"abc" is not a number.' });
    expect(parseGenerated("values", "2026-13", "date")).toEqual({ error: '"2026-13" is not a date (YYYY-MM-DD).' });
    expect(kindOf(undefined)).toBe("none");
  });

  it("is a section of the process's form, one row per variable, committed as an info update", () => {
    const form = formFor(purchase(), {}, [], []);
    const section = form.sections.find((s) => s.key === "generated");
    expect(section?.heading).toBe("Generated data");
    expect(section?.rows?.map((r) => r.fields.map((f) => f.label))).toEqual([["Generated data for amount"], ["Generated data for urgent"]]);
    const picked = field(form, "generated-kind-0").commit("uniform");
    expect(picked).toMatchObject({ command: { command: "update_info" } });
    const info = (picked as { command: { info: Process["info"] } }).command.info;
    expect(info.variables[0]!.generated).toEqual({ type: "number", sample: { distribution: "uniform", min: 0, max: 10000 } });

    const withData = purchase();
    withData.info.variables[0]!.generated = { type: "number", sample: { distribution: "uniform", min: 0, max: 10000 } };
    const numbers = field(formFor(withData, {}, [], []), "generated-numbers-0");
    expect(numbers.value).toBe("0, 10000");
    const changed = numbers.commit("100, 9000") as { command: { info: Process["info"] } };
    expect(changed.command.info.variables[0]!.generated).toEqual({ type: "number", sample: { distribution: "uniform", min: 100, max: 9000 } });
    expect(numbers.commit("9000, 100")).toEqual({ error: "The lowest value is above the highest." });
  });
});

describe("generated data for a list variable", () => {
  it("is weighted sets of items: sets split by semicolons, items by commas", () => {
    expect(kindsFor("list")).toEqual(["none", "sets"]);
    const parsed = parseGenerated("sets", "ann,bob: 3; cy", "list");
    expect(parsed).toEqual({ type: "choice", weights: { "ann, bob": 3, cy: 1 } });
    if (!parsed || "error" in parsed) throw new Error("parses");
    expect(kindOf(parsed, "list")).toBe("sets");
    expect(numbersText(parsed, "list")).toBe("ann, bob: 3; cy");
    expect(parseGenerated("sets", "ann: -1", "list")).toEqual({ error: 'The weight of "ann" must be a number, 0 or more.' });
  });
});
