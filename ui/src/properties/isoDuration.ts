/**
 * ISO 8601 durations as timers store them (`parse_iso` and `to_iso` of `src/model/timer.rs`):
 * weeks and days before `T`, hours and minutes after it, e.g. `P2D`, `PT4H30M`. Pinned with the
 * duration grammar by `tests/fixtures/twins/duration.json` (`ui/tests/twins.test.ts`).
 */

const U64_MAX = (1n << 64n) - 1n;
const DATE_UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ["W", 7n * 24n * 60n],
  ["D", 24n * 60n],
];
const TIME_UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ["H", 60n],
  ["M", 1n],
];

/** Minutes of an ISO 8601 duration in weeks, days, hours and minutes; null when it is not one. */
export function parseIso(text: string): bigint | null {
  if (!text.startsWith("P")) return null;
  const rest = text.slice(1);
  const t = rest.indexOf("T");
  const [date, time] = t < 0 ? [rest, null] : [rest.slice(0, t), rest.slice(t + 1)];
  let minutes = 0n;
  let any = false;
  const add = (part: string, units: ReadonlyArray<readonly [string, bigint]>): boolean => {
    let number = "";
    for (const c of part) {
      if (c >= "0" && c <= "9") {
        number += c;
        continue;
      }
      const size = units.find(([u]) => u === c)?.[1];
      if (size === undefined || number === "") return false;
      const n = BigInt(number);
      if (n > U64_MAX || n * size > U64_MAX || minutes + n * size > U64_MAX) return false;
      minutes += n * size;
      number = "";
      any = true;
    }
    return number === "";
  };
  if (!add(date, DATE_UNITS)) return null;
  if (time !== null && (time === "" || !add(time, TIME_UNITS))) return null;
  return any ? minutes : null;
}

/** The ISO 8601 spelling the core writes: days, then hours and minutes; `PT0M` for zero. */
export function toIso(minutes: bigint): string {
  const days = minutes / 1440n;
  const rest = minutes % 1440n;
  const [hours, mins] = [rest / 60n, rest % 60n];
  let out = "P";
  if (days > 0n) out += `${days}D`;
  if (hours > 0n || mins > 0n || days === 0n) {
    out += "T";
    if (hours > 0n) out += `${hours}H`;
    if (mins > 0n || hours === 0n) out += `${mins}M`;
  }
  return out;
}
