import type { VarType } from "../generated/VarType";

/** What one typed field gives: a value for the instance data, nothing (left empty), or why not. */
export type FieldValue = { value: string | number | boolean | string[] } | { omit: true } | { error: string };

/**
 * A field's raw input as the instance data wants it: numbers as numbers, dates as YYYY-MM-DD,
 * lists as their comma-separated items, booleans as true/false (`null`: the checkbox was never touched, so no value). Empty means no value,
 * which the core reports where a condition needs it.
 */
export function parseField(type: VarType, raw: string | boolean | null): FieldValue {
  if (raw === null || raw === "") return { omit: true };
  switch (type) {
    case "boolean":
      return typeof raw === "boolean" ? { value: raw } : { value: raw === "true" };
    case "number": {
      const text = String(raw).trim().replace(/[\s_]/g, "");
      const number = Number(text);
      return text !== "" && Number.isFinite(number) ? { value: number } : { error: `"${raw}" is not a number` };
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(String(raw)) ? { value: String(raw) } : { error: `"${raw}" is not a date (YYYY-MM-DD)` };
    case "text":
      return { value: String(raw) };
    case "list":
      return { value: String(raw).split(",").map((item) => item.trim()).filter((item) => item !== "") };
  }
}

/** A date and a time of day read as UTC, in RFC 3339; null when either is not filled in. */
export function utcInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const instant = `${date}T${time}:00Z`;
  return Number.isNaN(Date.parse(instant)) ? null : instant;
}
