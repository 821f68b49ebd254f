import type { ProcessSummary } from "../generated/ProcessSummary";

/**
 * The sidebar's filter: the twin of `src/store/filter.rs` (`flowlane list --filter`), pinned by
 * `tests/fixtures/twins/filter.json`. Terms are separated by spaces and every one must match:
 * `name:`, `owner:` and `tag:` TEXT when the field contains TEXT, `category:` TEXT when the
 * category starts with it, a bare word when any of the four contains it. Case is ignored;
 * double quotes keep spaces in a value.
 */
type Field = "name" | "category" | "owner" | "tag" | "any";

export interface ProcessFilter {
  terms: { field: Field; text: string }[];
}

const FIELDS: Record<string, Field> = { name: "name", category: "category", owner: "owner", tag: "tag" };

/** The filter, or the message saying why the text is not one. */
export function parseFilter(text: string): ProcessFilter | { error: string } {
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) return { error: "a quote is not closed" };
  const terms: ProcessFilter["terms"] = [];
  for (const raw of tokens(text)) {
    const colon = raw.indexOf(":");
    const prefix = colon > 0 ? raw.slice(0, colon) : "";
    if (/^[A-Za-z]+$/.test(prefix)) {
      const lower = prefix.toLowerCase();
      const field = FIELDS[lower];
      if (field === undefined) return { error: `unknown filter field "${prefix}": use name, category, owner or tag` };
      const value = raw.slice(colon + 1).replaceAll('"', "");
      if (value === "") return { error: `"${lower}:" needs a value, e.g. ${lower}:support` };
      terms.push({ field, text: value.toLowerCase() });
    } else {
      const value = raw.replaceAll('"', "");
      if (value !== "") terms.push({ field: "any", text: value.toLowerCase() });
    }
  }
  return { terms };
}

export function matchesFilter(filter: ProcessFilter, summary: ProcessSummary): boolean {
  const name = summary.name.toLowerCase();
  const owner = summary.owner.toLowerCase();
  const category: string = summary.category;
  const tags = summary.tags.map((t) => t.toLowerCase());
  return filter.terms.every(({ field, text }) => {
    const tagged = () => tags.some((tag) => tag.includes(text));
    switch (field) {
      case "name":
        return name.includes(text);
      case "category":
        return category.startsWith(text);
      case "owner":
        return owner.includes(text);
      case "tag":
        return tagged();
      case "any":
        return name.includes(text) || owner.includes(text) || category.includes(text) || tagged();
    }
  });
}

/** The text split at spaces, tabs and line breaks outside double quotes. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const c of text) {
    if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (!quoted && (c === " " || c === "\t" || c === "\n" || c === "\r")) {
      if (current !== "") out.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  if (current !== "") out.push(current);
  return out;
}
