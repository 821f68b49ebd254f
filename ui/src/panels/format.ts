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
