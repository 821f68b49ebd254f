import type { Category } from "../generated/Category";

const CATEGORY_LABELS: Record<Category, string> = {
  operational: "Operational",
  management: "Management",
  support: "Support",
};

export function categoryLabel(category: Category): string {
  return CATEGORY_LABELS[category] ?? category;
}

/** The calendar day of an RFC 3339 timestamp, as saved; anything else is shown as it is. */
export function savedDay(timestamp: string): string {
  const match = /^\d{4}-\d{2}-\d{2}/.exec(timestamp);
  return match ? match[0] : timestamp;
}

/** A saved time as the history shows it, in UTC to the minute: `2026-11-22 10:15 UTC`. */
export function utcTime(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * The last instant of a calendar day (`YYYY-MM-DD`, as `<input type="date">` gives it) in UTC,
 * as RFC 3339. The store keeps milliseconds, so this includes everything saved that day.
 * Null for anything that is not a real date.
 */
export function endOfUtcDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(Date.UTC(year, month - 1, date));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== date) return null;
  return new Date(start.getTime() + 86_400_000 - 1).toISOString();
}
