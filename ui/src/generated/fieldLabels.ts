// Generated from src/fields by `cargo test` (tests/fields.rs); do not edit.

/** What the properties panel calls each field: element (a node by its `type`) → field → label. */
export const FIELD_LABELS = {
  process: { name: "Name", outcome: "Outcome", category: "Category", owner: "Owner", sla: "SLA", simulation: "Simulation" },
  variable: { type: "Type", description: "Description", generated: "Generated data" },
  lane: { name: "Name", team: "Team", trigger: "Trigger", output: "Output" },
  flow: { label: "Label", condition: "Condition", default: "Default flow (taken when no condition holds)", probability: "Probability" },
  start: { name: "Name", trigger: "Event", interrupting: "Non-interrupting" },
  end: { name: "Name", outcome: "Outcome", trigger: "Event" },
  catch: { name: "Name", trigger: "Event" },
  throw: { name: "Name", trigger: "Event" },
  boundary: { name: "Name", host: "Attached to", trigger: "Event", interrupting: "Non-interrupting" },
  task: { name: "Name", assignee: "Assignee role", duration: "Duration estimate", sla: "Step SLA", description: "Description", outputs: "Outputs", task: "Task type", message: "Message", repeat: "Repeats", distribution: "Duration spread", cost: "Cost per hour" },
  gateway: { name: "Name", gateway: "Kind", condition: "Activation condition" },
  call: { name: "Name", process: "Called process", version: "Version", repeat: "Repeats" },
  sub_process: { name: "Name", sub: "Kind", expanded: "Drawn open", repeat: "Repeats" },
} as const;
