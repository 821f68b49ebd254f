import type { Command } from "../generated/Command";
import type { Process } from "../generated/Process";

/** “Submit request”, or the kind of thing when it has no name. */
function quoted(name: string | undefined, otherwise: string): string {
  return name ? `“${name}”` : otherwise;
}

/**
 * What one edit did, in words for the Undo and Redo tooltips ("add “Submit request”",
 * "move 2 steps"). `before` is the process as it was, to name what is removed or changed.
 */
export function commandLabel(command: Command, before: Process): string {
  const node = (id: string) => before.nodes.find((n) => n.id === id);
  const lane = (id: string) => before.lanes.find((l) => l.id === id);
  switch (command.command) {
    case "add_node":
      return `add ${quoted(command.node.name, "a step")}`;
    case "update_node": {
      const old = node(command.node.id);
      return old && old.name !== command.node.name ? `rename ${quoted(old.name, "a step")} to ${quoted(command.node.name, "nothing")}` : `change ${quoted(command.node.name, "a step")}`;
    }
    case "move_node":
      return `move ${quoted(node(command.node)?.name, "a step")}`;
    case "remove_node":
      return `delete ${quoted(node(command.node)?.name, "a step")}`;
    case "add_flow":
      return `connect ${quoted(node(command.flow.source)?.name, "a step")} to ${quoted(node(command.flow.target)?.name, "a new step")}`;
    case "update_flow":
      return "change a flow";
    case "remove_flow":
      return "delete a flow";
    case "set_waypoints":
      return "reroute a flow";
    case "add_lane":
      return `add workflow ${quoted(command.lane.name, "")}`.trim();
    case "update_lane":
      return `change workflow ${quoted(command.lane.name, "")}`.trim();
    case "remove_lane":
      return `delete workflow ${quoted(lane(command.lane)?.name, "")}`.trim();
    case "reorder_lanes":
      return "reorder the workflows";
    case "resize_lane":
      return `resize workflow ${quoted(lane(command.lane)?.name, "")}`.trim();
    case "update_info":
      return "change the process details";
    case "arrange":
      return "tidy up";
    case "batch":
      return batchLabel(command.commands, before);
    default:
      return command.command.replace(/_/g, " ");
  }
}

/** A batch reads as its main change: appending is an add plus a connect, so it reads as the add. */
function batchLabel(commands: Command[], before: Process): string {
  const adds = commands.filter((c) => c.command === "add_node");
  if (adds.length === 1) return commandLabel(adds[0]!, before);
  const kinds = new Set(commands.map((c) => c.command));
  if (kinds.size === 1 && commands.length > 1) {
    const [kind] = kinds;
    const noun = kind === "move_node" || kind === "remove_node" ? "steps" : kind === "update_pool" ? "pools" : "changes";
    const verb = kind === "move_node" ? "move" : kind === "remove_node" ? "delete" : kind === "update_pool" ? "reorder" : "make";
    return `${verb} ${commands.length} ${noun}`;
  }
  if (commands.length === 1) return commandLabel(commands[0]!, before);
  return `${commands.length} changes`;
}
