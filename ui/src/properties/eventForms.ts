import type { Artifact } from "../generated/Artifact";
import { FIELD_LABELS as L } from "../generated/fieldLabels";
import type { NodeKind } from "../generated/NodeKind";
import type { Repeat } from "../generated/Repeat";
import type { SubProcessKind } from "../generated/SubProcessKind";
import type { TaskType } from "../generated/TaskType";
import type { Trigger } from "../generated/Trigger";
import { selectField, textField, withOptional } from "./fields";
import { UNCHANGED, type Choice, type Commit, type FieldSpec, type Form } from "./form";
import { describeTimer, makeTimer, parseTimer, timerText, timerType, type TimerPlace, type TimerType } from "./timerText";

/* The fields of BPMN events (their definition, a timer's expression) and of activities (task
   type, repeat marker, sub-process kind). */

type Kind<T extends NodeKind["type"]> = Extract<NodeKind, { type: T }>;
export type EventKind = Kind<"start"> | Kind<"end"> | Kind<"catch"> | Kind<"throw"> | Kind<"boundary">;
type On = Trigger["on"];

const TRIGGER_LABELS: Record<On, string> = {
  none: "None",
  message: "Message",
  timer: "Timer",
  signal: "Signal",
  conditional: "Conditional",
  escalation: "Escalation",
  error: "Error",
  compensation: "Compensation",
  link: "Link",
  cancel: "Cancel",
  terminate: "Terminate",
  multiple: "Multiple (as imported)",
};

/** The definitions each kind of event may have (BPMN 2.0, table 10.93 and after). */
export const ALLOWED: Record<EventKind["type"], readonly On[]> = {
  start: ["none", "message", "timer", "signal", "conditional", "escalation", "error", "compensation"],
  end: ["none", "message", "signal", "escalation", "error", "compensation", "cancel", "terminate"],
  catch: ["message", "timer", "signal", "conditional", "link"],
  throw: ["none", "message", "signal", "escalation", "compensation", "link"],
  boundary: ["message", "timer", "signal", "conditional", "escalation", "error", "compensation", "cancel"],
};

/** A fresh definition of kind `on`: a timer waits a day, names and codes start empty. */
function freshTrigger(on: On): Trigger {
  switch (on) {
    case "message":
      return { on, message: "" };
    case "timer":
      return { on, timer: { duration: "P1D" } };
    case "signal":
      return { on, signal: "" };
    case "conditional":
      return { on, condition: "" };
    case "escalation":
    case "error":
      return { on, code: "" };
    case "link":
      return { on, link: "" };
    case "multiple":
      return { on, triggers: [] };
    default:
      return { on };
  }
}

function currentTrigger(kind: EventKind): Trigger {
  return kind.trigger ?? { on: "none" };
}

function withTrigger(kind: EventKind, trigger: Trigger): NodeKind {
  if (trigger.on === "none" && (kind.type === "start" || kind.type === "end" || kind.type === "throw")) {
    const { trigger: _none, ...rest } = kind;
    return rest;
  }
  return { ...kind, trigger } as NodeKind;
}

/** The event's definition, what it needs (a name, a code, a timer) and, on a boundary, whether it interrupts. */
export function eventFields(kind: EventKind, update: (kind: NodeKind) => Commit): FieldSpec[] {
  const trigger = currentTrigger(kind);
  const allowed = ALLOWED[kind.type];
  const choices: Choice[] = allowed.map((on) => ({ value: on, label: TRIGGER_LABELS[on] }));
  if (!allowed.includes(trigger.on)) choices.push({ value: trigger.on, label: `${TRIGGER_LABELS[trigger.on]} (not allowed here)` });
  const set = (next: Trigger) => update(withTrigger(kind, next));
  const fields: FieldSpec[] = [selectField("trigger", L[kind.type].trigger, trigger.on, choices, (on) => set(freshTrigger(on as On)))];
  fields.push(...detailFields(trigger, set, kind.type === "boundary" ? "boundary" : kind.type === "start" ? "start" : "catch"));
  if (kind.type === "boundary") {
    const interrupting = kind.interrupting ?? true;
    fields.push({
      key: "interrupting",
      name: "interrupting",
      label: "Interrupting",
      hint: "Checked, it cancels the step when it fires; unchecked, the step goes on.",
      control: "checkbox",
      value: interrupting,
      commit: (value) => {
        if (value === interrupting) return UNCHANGED;
        // Interrupting is the default the core leaves out; only `false` is written.
        const { interrupting: _was, ...rest } = kind;
        return update(value === true ? rest : { ...rest, interrupting: false });
      },
    });
  }
  return fields;
}

function detailFields(trigger: Trigger, set: (t: Trigger) => Commit, place: TimerPlace): FieldSpec[] {
  switch (trigger.on) {
    case "message":
      return [textField("message", "Message", trigger.message, (message) => set({ ...trigger, message }), { hint: "The message's name, e.g. Invoice received." })];
    case "signal":
      return [textField("signal", "Signal", trigger.signal, (signal) => set({ ...trigger, signal }), { hint: "The signal's name; everyone listening receives it." })];
    case "conditional":
      return [textField("condition", "Condition", trigger.condition, (condition) => set({ ...trigger, condition }), { expression: true, placeholder: "e.g. amount > 10000" })];
    case "escalation":
    case "error":
      return [textField("code", trigger.on === "error" ? "Error code" : "Escalation code", trigger.code, (code) => set({ ...trigger, code }), { hint: "Empty catches every one." })];
    case "link":
      return [textField("link", "Link name", trigger.link, (link) => set({ ...trigger, link }), { hint: "A throw goes on at the catch of the same name." })];
    case "timer":
      return timerFields(trigger, set, place);
    default:
      return [];
  }
}

const TIMER_TYPES: Array<{ value: TimerType; label: string }> = [
  { value: "duration", label: "After a duration" },
  { value: "date", label: "At a date" },
  { value: "cycle", label: "Repeatedly (cycle)" },
];

const TIMER_DEFAULTS: Record<TimerType, string> = { duration: "P1D", date: "2026-01-01T09:00", cycle: "R/P1D" };

/** The timer's type and expression; the expression is checked and explained as it is typed. */
function timerFields(trigger: Extract<Trigger, { on: "timer" }>, set: (t: Trigger) => Commit, place: TimerPlace): FieldSpec[] {
  const type = timerType(trigger.timer);
  const text = timerText(trigger.timer);
  return [
    selectField("timer_type", "Timer", type, TIMER_TYPES, (next) => set({ on: "timer", timer: makeTimer(next as TimerType, TIMER_DEFAULTS[next as TimerType]) })),
    {
      key: "timer",
      name: "timer",
      label: type === "duration" ? "Wait" : type === "date" ? "Date" : "Cycle",
      control: "text",
      value: text,
      placeholder: type === "duration" ? "e.g. 3d or P3D" : type === "date" ? "e.g. 2026-03-01T09:00" : "e.g. R3/PT1H or every 1h x3",
      preview: (typed) => describeTimer(type, typed, place),
      commit: (raw) => {
        const typed = typeof raw === "string" ? raw.trim() : "";
        if (typed === text) return UNCHANGED;
        const parsed = parseTimer(type, typed);
        if ("error" in parsed) return parsed;
        return parsed.iso === text ? UNCHANGED : set({ on: "timer", timer: makeTimer(type, parsed.iso) });
      },
    },
  ];
}

// Activities ------------------------------------------------------------------------------------

const TASK_TYPES: Array<{ value: TaskType; label: string }> = [
  { value: "plain", label: "Plain" },
  { value: "user", label: "User (a person, with a form)" },
  { value: "manual", label: "Manual (a person, without a system)" },
  { value: "service", label: "Service (a system)" },
  { value: "script", label: "Script" },
  { value: "business_rule", label: "Business rule" },
  { value: "send", label: "Send (a message)" },
  { value: "receive", label: "Receive (a message)" },
];

export function taskTypeFields(kind: Kind<"task">, update: (kind: NodeKind) => Commit): FieldSpec[] {
  const type = kind.task ?? "plain";
  const fields = [selectField("task", L.task.task, type, TASK_TYPES, (task) => update(withOptional(kind, "task", task === "plain" ? undefined : (task as TaskType))))];
  if (type === "send" || type === "receive") {
    fields.push(textField("task_message", L.task.message, kind.message ?? "", (message) => update(withOptional(kind, "message", message)), { hint: type === "send" ? "The message this step sends." : "The message this step waits for." }));
  }
  return fields;
}

const MARKERS: Choice[] = [
  { value: "none", label: "None" },
  { value: "loop", label: "Loop (while a condition holds)" },
  { value: "parallel", label: "Multi-instance, all at once" },
  { value: "sequential", label: "Multi-instance, one after another" },
];

/** The multi-instance or loop marker, with its count or collection (or the loop's condition). */
export function repeatFields<K extends Kind<"task"> | Kind<"call"> | Kind<"sub_process">>(kind: K, label: string, update: (kind: NodeKind) => Commit): FieldSpec[] {
  const repeat = kind.repeat;
  const set = (next: Repeat | undefined) => update(withOptional<K, "repeat">(kind, "repeat", next as K["repeat"]));
  const fields = [
    selectField("repeat", label, repeat?.marker ?? "none", MARKERS, (marker) => {
      if (marker === "none") return set(undefined);
      return set(marker === "loop" ? { marker } : { marker: marker as "parallel" | "sequential" });
    }),
  ];
  if (repeat?.marker === "loop") {
    fields.push(textField("repeat_condition", "While", repeat.condition ?? "", (condition) => set(withOptional(repeat, "condition", condition)), { placeholder: "e.g. not approved" }));
  } else if (repeat) {
    fields.push(
      textField("repeat_count", "How many", repeat.count ?? "", (count) => set(withOptional(repeat, "count", count)), { placeholder: "e.g. 3 or reviewers.size()" }),
      textField("repeat_collection", "One for each of", repeat.collection ?? "", (collection) => set(withOptional(repeat, "collection", collection)), { placeholder: "e.g. reviewers" }),
    );
  }
  return fields;
}

const SUB_KINDS: Array<{ value: SubProcessKind; label: string }> = [
  { value: "embedded", label: "Embedded" },
  { value: "event", label: "Event sub-process" },
  { value: "transaction", label: "Transaction" },
  { value: "ad_hoc", label: "Ad hoc" },
];

export function subProcessFields(kind: Kind<"sub_process">, update: (kind: NodeKind) => Commit): FieldSpec[] {
  return [
    selectField("sub", L.sub_process.sub, kind.sub ?? "embedded", SUB_KINDS, (sub) => update(withOptional(kind, "sub", sub === "embedded" ? undefined : (sub as SubProcessKind)))),
    ...repeatFields(kind, L.sub_process.repeat, update),
  ];
}

// Artifacts -------------------------------------------------------------------------------------

const ARTIFACT_TITLES: Record<Artifact["kind"]["type"], string> = { data_object: "Data object", data_store: "Data store", annotation: "Text annotation", group: "Group" };

/** A data object's, store's or group's name, or a note's text; a data object may be a list. */
export function artifactForm(artifact: Artifact): Form {
  const update = (kind: Artifact["kind"]): Commit => ({ command: { command: "update_artifact", artifact: { ...artifact, kind } } });
  const kind = artifact.kind;
  const fields: FieldSpec[] =
    kind.type === "annotation"
      ? [textField("text", "Text", kind.text, (text) => update({ ...kind, text }), { multiline: true })]
      : [textField("name", "Name", kind.name, (name) => update({ ...kind, name }))];
  if (kind.type === "data_object") {
    const collection = kind.collection ?? false;
    fields.push({
      key: "collection",
      name: "collection",
      label: "A list of them",
      control: "checkbox",
      value: collection,
      commit: (value) => (value === collection ? UNCHANGED : update(withOptional(kind, "collection", value === true))),
    });
  }
  return { target: "artifact", id: artifact.id, title: ARTIFACT_TITLES[kind.type], subtitle: "", sections: [{ key: kind.type, fields }] };
}
