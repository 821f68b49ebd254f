// Generated from src/fields by `cargo test` (tests/fields.rs); do not edit.

/** What the properties panel calls each field: element (a node by its `type`) → field → label. */
export const FIELD_LABELS = {
  process: { name: "Name", outcome: "Outcome", category: "Category", owner: "Owner", sla: "SLA", simulation: "Simulation" },
  variable: { type: "Type", description: "Description" },
  lane: { name: "Name", team: "Team", trigger: "Trigger", output: "Output" },
  flow: { label: "Label", condition: "Condition", default: "Default flow (taken when no condition holds)", probability: "Probability" },
  start: { name: "Name" },
  end: { name: "Name", outcome: "Outcome" },
  task: { name: "Name", assignee: "Assignee role", duration: "Duration estimate", sla: "Step SLA", description: "Description", outputs: "Outputs", distribution: "Duration spread", cost: "Cost per hour" },
  gateway: { name: "Name", gateway: "Kind" },
  timer: { name: "Name", wait: "Wait" },
  call: { name: "Name", process: "Called process", version: "Version" },
} as const;
