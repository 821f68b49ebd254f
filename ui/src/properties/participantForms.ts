import type { Association } from "../generated/Association";
import type { Direction } from "../generated/Direction";
import type { MessageFlow } from "../generated/MessageFlow";
import type { Pool } from "../generated/Pool";
import type { Process } from "../generated/Process";
import { phraseOf, type Names } from "../names";
import { selectField, textField } from "./fields";
import type { Form } from "./form";

/** A pool's name; a partner pool says whether it is a black box or has lanes of its own. */
export function poolForm(process: Process, pool: Pool): Form {
  const lanes = process.lanes.filter((l) => l.pool === pool.id).length;
  const messages = (process.messages ?? []).filter((m) => m.source === pool.id || m.target === pool.id).length;
  const what = lanes === 0 ? "A black box: it only sends and receives messages." : `${lanes} lane${lanes === 1 ? "" : "s"} inside.`;
  const note = `${what} ${messages} message flow${messages === 1 ? "" : "s"} to or from the pool itself.`;
  return {
    target: "pool",
    id: pool.id,
    title: pool.partner ? "Partner pool" : "Pool",
    subtitle: "",
    sections: [
      {
        key: "pool",
        note,
        fields: [textField("name", "Name", pool.name, (name) => ({ command: { command: "update_pool", pool: { ...pool, name } } }), { required: "A pool needs a name: the participant it stands for, e.g. Supplier.", hint: "The participant, e.g. Customer or Supplier." })],
      },
    ],
  };
}

/** A message flow's name (the message it carries), and which participants it joins. */
export function messageForm(names: Names, message: MessageFlow): Form {
  const set = (name: string) => ({ command: { command: "update_message" as const, message: { ...message, name } } });
  return {
    target: "message",
    id: message.id,
    title: "Message flow",
    subtitle: `${phraseOf(names, message.source)} → ${phraseOf(names, message.target)}`,
    sections: [{ key: "message", fields: [textField("name", "Message", message.name ?? "", set, { hint: "What is sent, e.g. Purchase order." })] }],
  };
}

const DIRECTIONS: Array<{ value: Direction; label: string }> = [
  { value: "none", label: "No arrow (a note's anchor)" },
  { value: "one", label: "Towards the target (data read or written)" },
  { value: "both", label: "Both ways" },
];

/** An association's arrow, and what it joins. */
export function associationForm(names: Names, association: Association): Form {
  const set = (direction: string) => {
    const { direction: _old, ...rest } = association;
    const next: Association = direction === "none" ? rest : { ...rest, direction: direction as Direction };
    return { command: { command: "update_association" as const, association: next } };
  };
  return {
    target: "association",
    id: association.id,
    title: "Association",
    subtitle: `${phraseOf(names, association.source)} → ${phraseOf(names, association.target)}`,
    sections: [{ key: "association", fields: [selectField("direction", "Arrow", association.direction ?? "none", DIRECTIONS, set)] }],
  };
}
