/**
 * The duration grammar of `src/model/duration.rs` (`FromStr` and `Display`), so the panel can
 * refuse a bad duration before it reaches the backend: whitespace-separated parts, each a whole
 * number followed by one unit, w (week), d (day), h (hour) or m (minute), e.g. `2d`, `4h 30m`,
 * `1w 2d`. Minutes are bigints because the core counts them in a u64. Both sides are pinned by
 * `tests/fixtures/twins/duration.json` (`ui/tests/twins.test.ts`).
 */

import { RUST_WHITESPACE } from "../whitespace";

const UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ["w", 7n * 24n * 60n],
  ["d", 24n * 60n],
  ["h", 60n],
  ["m", 1n],
];

const U64_MAX = (1n << 64n) - 1n;

// `u64::from_str`: ASCII digits with an optional leading `+`.
const COUNT = /^\+?[0-9]+$/;

export type ParsedDuration = { minutes: bigint } | { error: string };

/** Parses `text` as the core does; the error is the core's message. */
export function parseDuration(text: string): ParsedDuration {
  const error = { error: `\`${text}\` is not a duration: write it like \`2d\`, \`4h 30m\` or \`1w 2d\` (units w, d, h, m)` };
  let minutes = 0n;
  let any = false;
  for (const part of text.split(RUST_WHITESPACE)) {
    if (part === "") continue;
    const chars = Array.from(part);
    const unit = chars[chars.length - 1]!;
    const size = UNITS.find(([u]) => u === unit)?.[1];
    const count = chars.slice(0, -1).join("");
    if (size === undefined || !COUNT.test(count)) return error;
    const parsed = BigInt(count);
    if (parsed > U64_MAX) return error;
    const add = parsed * size;
    if (add > U64_MAX) return error;
    minutes += add;
    if (minutes > U64_MAX) return error;
    any = true;
  }
  return any ? { minutes } : error;
}

/** The canonical spelling: largest units first, weeks only for whole weeks, `0m` for zero. */
export function formatDuration(minutes: bigint): string {
  if (minutes === 0n) return "0m";
  let rest = minutes;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const wholeWeeksOnly = unit === "w" && rest % size !== 0n;
    if (rest >= size && !wholeWeeksOnly) {
      parts.push(`${rest / size}${unit}`);
      rest %= size;
    }
  }
  return parts.join(" ");
}
