/**
 * Timer expressions as the properties panel reads and shows them. A duration may be typed the
 * Flowlane way (`3d`, `4h 30m`) or in ISO 8601 (`P3D`) and is stored in ISO 8601 (the core's
 * `to_iso`); a date is an ISO 8601 date and time; a cycle is `R3/PT1H` (3 times, hourly) or
 * `R/P1D` (daily, without end), and `every 1h` or `every 1h x3` are accepted for it. The core
 * keeps the text as stored; only durations are computed with (`Timer::wait`), so only they
 * have a twin (isoDuration.ts, pinned by tests/fixtures/twins/duration.json).
 */
import type { Timer } from "../generated/Timer";
import { parseDuration } from "./duration";
import { parseIso, toIso } from "./isoDuration";

export type TimerType = "duration" | "date" | "cycle";

/** Where the timer sits, which decides what its preview says. */
export type TimerPlace = "boundary" | "catch" | "start";

export type Parsed = { iso: string } | { error: string };

export function timerType(timer: Timer): TimerType {
  return "duration" in timer ? "duration" : "date" in timer ? "date" : "cycle";
}

export function timerText(timer: Timer): string {
  return "duration" in timer ? timer.duration : "date" in timer ? timer.date : timer.cycle;
}

export function makeTimer(type: TimerType, iso: string): Timer {
  return type === "duration" ? { duration: iso } : type === "date" ? { date: iso } : { cycle: iso };
}

/** A duration typed either way, as ISO 8601 minutes. */
function durationMinutes(text: string): bigint | null {
  const iso = parseIso(text);
  if (iso !== null) return iso;
  const parsed = parseDuration(text);
  return "minutes" in parsed ? parsed.minutes : null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const CYCLE = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/;
const EVERY = /^every\s+(.+?)(?:\s*[x×]\s*(\d+))?$/i;

/** The text as the stored ISO 8601 expression of a timer of `type`, or why it is not one. */
export function parseTimer(type: TimerType, raw: string): Parsed {
  const text = raw.trim();
  if (text === "") return { error: "A timer needs an expression." };
  switch (type) {
    case "duration": {
      const minutes = durationMinutes(text);
      if (minutes === null) return { error: `“${text}” is not a duration: write 3d, 4h 30m or P3D.` };
      return { iso: toIso(minutes) };
    }
    case "date": {
      const m = DATE.exec(text);
      if (!m || !validDate(m)) return { error: `“${text}” is not a date: write 2026-03-01T09:00 (ISO 8601).` };
      return { iso: text };
    }
    case "cycle": {
      const every = EVERY.exec(text);
      if (every) {
        const minutes = durationMinutes(every[1]!);
        if (minutes === null || minutes === 0n) return { error: `“${every[1]}” is not a duration: write every 1h or every 1d x3.` };
        return { iso: `R${every[2] ?? ""}/${toIso(minutes)}` };
      }
      const m = CYCLE.exec(text);
      const start = m?.[2];
      const minutes = m ? parseIso(m[3]!) : null;
      if (!m || minutes === null || minutes === 0n || (start !== undefined && !validDate(DATE.exec(start)))) {
        return { error: `“${text}” is not a cycle: write R3/PT1H (3 times, hourly), R/P1D or every 1h x3.` };
      }
      return { iso: text };
    }
  }
}

function validDate(m: RegExpExecArray | null): boolean {
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ["week", 7n * 24n * 60n],
  ["day", 24n * 60n],
  ["hour", 60n],
  ["minute", 1n],
];

/** `3 days`, `1 hour 30 minutes`, `2 weeks`; weeks only when whole. */
export function durationWords(minutes: bigint): string {
  if (minutes === 0n) return "0 minutes";
  const parts: string[] = [];
  let rest = minutes;
  for (const [unit, size] of UNITS) {
    if (rest < size || (unit === "week" && rest % size !== 0n)) continue;
    const n = rest / size;
    parts.push(`${n} ${unit}${n === 1n ? "" : "s"}`);
    rest %= size;
  }
  return parts.join(" ");
}

/** `every hour`, `every 2 days`. */
function everyWords(minutes: bigint): string {
  const words = durationWords(minutes);
  return words.startsWith("1 ") && !words.includes(" ", 2) ? `every ${words.slice(2)}` : `every ${words}`;
}

function dateWords(text: string): string {
  const m = DATE.exec(text)!;
  const time = m[4] ? ` ${m[4]}:${m[5]}` : "";
  const zone = m[7] === "Z" ? " UTC" : m[7] ? ` (UTC${m[7]})` : "";
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}${time}${zone}`;
}

/** What the timer does, in words, e.g. "fires 3 days after the step starts"; or why the text is wrong. */
export function describeTimer(type: TimerType, raw: string, place: TimerPlace): { text: string } | { error: string } {
  const parsed = parseTimer(type, raw);
  if ("error" in parsed) return parsed;
  const iso = parsed.iso;
  switch (type) {
    case "duration": {
      const words = durationWords(parseIso(iso)!);
      const text = place === "boundary" ? `fires ${words} after the step starts` : place === "catch" ? `waits ${words}` : `fires ${words} from now`;
      return { text: `${text} (stored as ${iso})` };
    }
    case "date":
      return { text: `fires on ${dateWords(iso)}` };
    case "cycle": {
      const m = CYCLE.exec(iso)!;
      const every = everyWords(parseIso(m[3]!)!);
      const times = m[1] === "" ? ", without end" : `, ${m[1]} time${m[1] === "1" ? "" : "s"}`;
      const from = m[2] ? ` from ${dateWords(m[2])}` : "";
      return { text: `fires ${every}${times}${from} (stored as ${iso})` };
    }
  }
}
