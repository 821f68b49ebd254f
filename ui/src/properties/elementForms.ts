import { FIELD_LABELS as L } from "../generated/fieldLabels";
import type { Flow } from "../generated/Flow";
import type { GatewayKind } from "../generated/GatewayKind";
import type { Lane } from "../generated/Lane";
import type { Node } from "../generated/Node";
import type { NodeKind } from "../generated/NodeKind";
import type { Process } from "../generated/Process";
import type { ProcessInfo } from "../generated/ProcessInfo";
import { labelOf, type Names } from "../names";
import { categoryLabel } from "../panels/format";
import { amountField, asList, durationField, sameList, selectField, textField, withOptional } from "./fields";
import { artifactForm, eventFields, repeatFields, subProcessFields, taskTypeFields } from "./eventForms";
import { UNCHANGED, type Choice, type Commit, type FieldSpec, type Form, type Section } from "./form";
import { generatedDataSection } from "./generatedData";
import { associationForm, messageForm, poolForm } from "./participantForms";
import { leavesDecision, probabilityField, probabilitySum } from "./probability";
import { variablesSection } from "./variables";

/** A process a call activity may call. */
export interface CallTarget {
  id: string;
  name: string;
  /** Its latest saved version, or null when it has never been saved. */
  latest: number | null;
}

/**
 * The form for `selection` in `process`: the process itself, one lane, node or flow, or several.
 * Elements are called by the core's labels (`names`), so an unnamed one reads as everywhere else.
 */
export function formFor(process: Process, names: Names, selection: readonly string[], targets: readonly CallTarget[]): Form {
  if (selection.length === 0) return processForm(process);
  if (selection.length > 1) {
    return {
      target: "many",
      id: null,
      title: `${selection.length} elements selected`,
      subtitle: "",
      sections: [{ key: "many", note: "Select one element to edit its properties.", fields: [] }],
    };
  }
  const id = selection[0]!;
  const lane = process.lanes.find((l) => l.id === id);
  if (lane) return withSourceId(process, laneForm(lane, names));
  const node = process.nodes.find((n) => n.id === id);
  if (node) return withSourceId(process, nodeForm(process, names, node, targets));
  const flow = process.flows.find((f) => f.id === id);
  if (flow) return withSourceId(process, flowForm(process, names, flow));
  const artifact = process.artifacts?.find((a) => a.id === id);
  if (artifact) return artifactForm(artifact);
  const pool = process.pools?.find((p) => p.id === id);
  if (pool) return poolForm(process, pool);
  const message = process.messages?.find((m) => m.id === id);
  if (message) return messageForm(names, message);
  const association = process.associations?.find((a) => a.id === id);
  if (association) return associationForm(names, association);
  return {
    target: "missing",
    id,
    title: "Nothing to show",
    subtitle: "",
    sections: [{ key: "missing", note: "The selected element is no longer in this process.", fields: [] }],
  };
}

/** The id an element of an imported process has in its BPMN file, as the core's
 * `Foreign::source_id` gives it: the kept one, else `_` and Flowlane's id. */
export function sourceId(process: Process, id: string): string | null {
  const foreign = process.foreign;
  if (!foreign) return null;
  const kept = foreign.nodes?.[id]?.id || foreign.flows?.[id]?.id || foreign.lanes?.[id]?.id;
  return kept || `_${id}`;
}

/** An imported element's form shows its BPMN id, read-only, so it can be matched with the file. */
function withSourceId(process: Process, form: Form): Form {
  const id = form.id === null ? null : sourceId(process, form.id);
  if (id === null) return form;
  return { ...form, sections: [...form.sections, { key: "source", note: `BPMN id: ${id} (from the imported file)`, fields: [] }] };
}

// Process ---------------------------------------------------------------------------------------

const CATEGORIES = ["operational", "management", "support"] as const;

function processForm(process: Process): Form {
  const info = process.info;
  const update = (next: ProcessInfo): Commit => ({ command: { command: "update_info", info: next } });
  const fields: FieldSpec[] = [
    textField("name", L.process.name, info.name, (name) => update({ ...info, name }), { required: "The process needs a name." }),
    textField("outcome", L.process.outcome, info.outcome, (outcome) => update({ ...info, outcome }), { hint: "What the process delivers when it ends well." }),
    selectField(
      "category",
      L.process.category,
      info.category,
      CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) })),
      (category) => update({ ...info, category: category as ProcessInfo["category"] }),
    ),
    textField("owner", L.process.owner, info.owner, (owner) => update({ ...info, owner }), { hint: "The role that answers for the process." }),
    durationField("sla", L.process.sla, info.sla, (sla) => update(withOptional(info, "sla", sla)), { hint: "Target time from start to end, e.g. 5d." }),
  ];
  return {
    target: "process",
    id: null,
    title: info.name.trim() || "Untitled process",
    subtitle: "Process",
    sections: [{ key: "info", fields }, variablesSection(info, update), generatedDataSection(info, update)],
  };
}

// Lane ------------------------------------------------------------------------------------------

function laneForm(lane: Lane, names: Names): Form {
  const update = (next: Lane): Commit => ({ command: { command: "update_lane", lane: next } });
  const fields: FieldSpec[] = [
    textField("name", L.lane.name, lane.name, (name) => update({ ...lane, name }), { required: "A workflow needs a name." }),
    textField("team", L.lane.team, lane.team, (team) => update({ ...lane, team }), { hint: "The team that owns this workflow." }),
    textField("trigger", L.lane.trigger, lane.trigger, (trigger) => update({ ...lane, trigger }), { hint: "What starts the workflow." }),
    textField("output", L.lane.output, lane.output, (output) => update({ ...lane, output }), { hint: "What the workflow hands back." }),
  ];
  return { target: "lane", id: lane.id, title: labelOf(names, lane.id), subtitle: "Workflow (lane)", sections: [{ key: "lane", fields }] };
}

// Nodes -----------------------------------------------------------------------------------------

type Kind<T extends NodeKind["type"]> = Extract<NodeKind, { type: T }>;

const KIND_TITLES: Record<NodeKind["type"], string> = {
  start: "Start event",
  end: "End event",
  task: "Task",
  gateway: "Gateway",
  catch: "Intermediate event",
  throw: "Intermediate throw event",
  boundary: "Boundary event",
  call: "Call activity",
  sub_process: "Sub-process",
};

const GATEWAY_CHOICES: Array<{ value: GatewayKind; label: string }> = [
  { value: "exclusive", label: "Exclusive: one path" },
  { value: "parallel", label: "Parallel: all paths" },
  { value: "inclusive", label: "Inclusive: one or more paths" },
  { value: "event_based", label: "Event-based: the first event to happen" },
  { value: "complex", label: "Complex: as its condition says" },
];

function nodeForm(process: Process, names: Names, node: Node, targets: readonly CallTarget[]): Form {
  const updateNode = (next: Node): Commit => ({ command: { command: "update_node", node: next } });
  const updateKind = (kind: NodeKind): Commit => updateNode({ ...node, kind });
  // Steps that do work need a name to be talked about; events and gateways may stay unnamed.
  const nameRequired = node.kind.type === "task" || node.kind.type === "call";
  const name = textField("name", L[node.kind.type].name, node.name, (value) => updateNode({ ...node, name: value }), {
    required: nameRequired ? `A ${KIND_TITLES[node.kind.type].toLowerCase()} needs a name.` : undefined,
  });
  const fields: FieldSpec[] = [name, ...kindFields(process, node.kind, updateKind, targets)];
  const lane = process.lanes.some((l) => l.id === node.lane) ? `in ${labelOf(names, node.lane)}` : "";
  // An unnamed element is shown as the core describes it ("join before 'Pay invoice'").
  const described = names[node.id]?.named === false ? labelOf(names, node.id) : "";
  const subtitle = [described, lane].filter(Boolean).join(", ");
  return {
    target: "node",
    id: node.id,
    title: KIND_TITLES[node.kind.type],
    subtitle: subtitle.charAt(0).toUpperCase() + subtitle.slice(1),
    sections: [{ key: node.kind.type, fields }],
  };
}

function kindFields(process: Process, kind: NodeKind, update: (kind: NodeKind) => Commit, targets: readonly CallTarget[]): FieldSpec[] {
  switch (kind.type) {
    case "start":
    case "catch":
    case "throw":
    case "boundary":
      return eventFields(kind, update);
    case "end":
      return [
        textField("outcome", L.end.outcome, kind.outcome ?? "", (outcome) => update(withOptional(kind, "outcome", outcome)), { hint: "How the process ended when it ends here." }),
        ...eventFields(kind, update),
      ];
    case "task":
      return [...taskFields(process, kind, update), ...taskTypeFields(kind, update), ...repeatFields(kind, L.task.repeat, update)];
    case "gateway":
      return [selectField("gateway", L.gateway.gateway, kind.gateway, GATEWAY_CHOICES, (gateway) => update({ ...kind, gateway: gateway as GatewayKind }))];
    case "call":
      return [...callFields(kind, update, targets), ...repeatFields(kind, L.call.repeat, update)];
    case "sub_process":
      return subProcessFields(kind, update);
  }
}

function taskFields(process: Process, kind: Kind<"task">, update: (kind: NodeKind) => Commit): FieldSpec[] {
  const outputs = kind.outputs ?? [];
  const declared = process.info.variables.map((v) => v.name);
  // An output whose variable was removed stays listed (and checked) so it is not lost unseen.
  const choices: Choice[] = [
    ...declared.map((name) => ({ value: name, label: name })),
    ...outputs.filter((name) => !declared.includes(name)).map((name) => ({ value: name, label: `${name} (not declared)` })),
  ];
  return [
    textField("assignee", L.task.assignee, kind.assignee, (assignee) => update({ ...kind, assignee }), { hint: 'The role that does the work, e.g. "Budget owner".' }),
    durationField("duration", L.task.duration, kind.duration, (duration) => update(withOptional(kind, "duration", duration)), { hint: "How long the work usually takes, e.g. 4h." }),
    durationField("sla", L.task.sla, kind.sla, (sla) => update(withOptional(kind, "sla", sla)), { hint: "Target time for this step, e.g. 1d." }),
    amountField("cost_per_hour", L.task.cost, kind.cost_per_hour, (cost) => update(withOptional(kind, "cost_per_hour", cost)), { hint: "What an hour of this work costs; what-if simulation adds it up." }),
    textField("description", L.task.description, kind.description ?? "", (description) => update(withOptional(kind, "description", description)), { multiline: true }),
    {
      key: "outputs",
      name: "outputs",
      label: L.task.outputs,
      control: "checklist",
      value: outputs,
      choices,
      hint: choices.length === 0 ? "Declare process variables to let this step decide them." : "Variables this step decides when it completes.",
      commit: (value) => {
        const picked = asList(value);
        const next = choices.map((c) => c.value).filter((name) => picked.includes(name));
        return sameList(next, outputs) ? UNCHANGED : update(withOptional(kind, "outputs", next));
      },
    },
  ];
}

function callFields(kind: Kind<"call">, update: (kind: NodeKind) => Commit, targets: readonly CallTarget[]): FieldSpec[] {
  const processChoices: Choice[] = targets.map((t) => ({ value: t.id, label: t.name }));
  if (!targets.some((t) => t.id === kind.process)) processChoices.unshift({ value: kind.process, label: `${kind.process} (not in the library)` });
  const latest = targets.find((t) => t.id === kind.process)?.latest ?? null;
  const versionChoices: Choice[] = [{ value: "latest", label: latest === null ? "Latest" : `Latest (now v${latest})` }];
  for (let v = latest ?? 0; v >= 1; v--) versionChoices.push({ value: String(v), label: `v${v}` });
  if (kind.version !== undefined && (latest === null || kind.version > latest)) versionChoices.push({ value: String(kind.version), label: `v${kind.version} (not saved)` });
  return [
    selectField("process", L.call.process, kind.process, processChoices, (process) => {
      // A pinned version belongs to the old target, so a new target starts at its latest.
      const { version: _dropped, ...rest } = kind;
      return update({ ...rest, process });
    }),
    selectField("version", L.call.version, kind.version === undefined ? "latest" : String(kind.version), versionChoices, (version) =>
      update(version === "latest" ? withOptional(kind, "version", undefined) : { ...kind, version: Number(version) }),
    ),
  ];
}

// Flows -----------------------------------------------------------------------------------------

function flowForm(process: Process, names: Names, flow: Flow): Form {
  const update = (next: Flow): Commit => ({ command: { command: "update_flow", flow: next } });
  const nodeName = (id: string) => labelOf(names, id);
  const fields: FieldSpec[] = [
    textField("label", L.flow.label, flow.label ?? "", (label) => update(withOptional(flow, "label", label))),
    textField("condition", L.flow.condition, flow.condition ?? "", (condition) => update(withOptional(flow, "condition", condition)), {
      placeholder: "e.g. amount > 10000",
      hint: "Taken when true; only meaningful after a gateway.",
      expression: true,
    }),
    {
      key: "default",
      name: "default",
      label: L.flow.default,
      control: "checkbox",
      value: flow.default ?? false,
      commit: (value) => (value === (flow.default ?? false) ? UNCHANGED : update(withOptional(flow, "default", value === true))),
    },
  ];
  const sections: Section[] = [{ key: "flow", fields }];
  if (leavesDecision(process, flow)) {
    fields.push(probabilityField(flow, L.flow.probability, update));
    const sum = probabilitySum(process, flow);
    if (sum) sections.push({ key: sum.warning ? "probability-warning" : "probability-sum", note: sum.warning ? `⚠ ${sum.text}` : sum.text, fields: [] });
  }
  return { target: "flow", id: flow.id, title: "Flow", subtitle: `From ${nodeName(flow.source)} to ${nodeName(flow.target)}`, sections };
}
