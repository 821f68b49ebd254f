/**
 * The Rust/TypeScript twins pinned by the shared fixtures in `tests/fixtures/twins/`: the core
 * wrote each file's expected outputs (`tests/twins/` in the core, `FLOWLANE_BLESS=1`); here the
 * app's code runs the same inputs and must print exactly the same JSON.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Process } from "../src/generated/Process";
import type { ProcessSummary } from "../src/generated/ProcessSummary";
import { matchesFilter, parseFilter } from "../src/panels/processFilter";
import { bottom, boundsOfPoints, intersects, type Point, type Rect } from "../src/canvas/geometry";
import { routeOrthogonal, routeThrough, type Endpoint } from "../src/canvas/routing";
import { buildPlane, type FlowShape } from "../src/canvas/scene";
import { wrapText } from "../src/canvas/textLayout";
import { formatDuration, parseDuration } from "../src/properties/duration";
import { parseIso, toIso } from "../src/properties/isoDuration";

const root = new URL("../../", import.meta.url);

interface Fixture<Case> {
  about: string;
  cases: Case[];
}

function fixture<Case>(name: string): Fixture<Case> {
  return JSON.parse(readFileSync(new URL(`tests/fixtures/twins/${name}.json`, root), "utf8")) as Fixture<Case>;
}

/** Values as the core writes them into a fixture: numbers rounded to 1e-6 (negative zero as zero), keys sorted. */
function canonical(value: unknown): unknown {
  if (typeof value === "number") {
    const rounded = Math.floor(value * 1e6 + 0.5) / 1e6;
    return rounded === 0 ? 0 : rounded;
  }
  if (Array.isArray(value)) return value.map(canonical);
  // serde_json writes object keys in sorted order.
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** Byte-equal JSON of what TypeScript computed and what the fixture expects. */
function expectSame(actual: unknown, expected: unknown, what: string): void {
  expect(JSON.stringify(canonical(actual)), what).toBe(JSON.stringify(expected));
}

describe("the duration grammar agrees with src/model/duration.rs", () => {
  type Case =
    | { parse: string; expected: { minutes: string } | { error: string } }
    | { format: string; expected: string }
    | { iso: string; expected: string | null }
    | { to_iso: string; expected: string };
  const { cases } = fixture<Case>("duration");

  it("parses every text and formats every count as the core does", () => {
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) {
      if ("parse" in c) {
        const parsed = parseDuration(c.parse);
        const actual = "minutes" in parsed ? { minutes: parsed.minutes.toString() } : parsed;
        expectSame(actual, c.expected, JSON.stringify(c.parse));
      } else if ("format" in c) {
        expectSame(formatDuration(BigInt(c.format)), c.expected, c.format);
      } else if ("iso" in c) {
        expectSame(parseIso(c.iso)?.toString() ?? null, c.expected, JSON.stringify(c.iso));
      } else {
        expectSame(toIso(BigInt(c.to_iso)), c.expected, c.to_iso);
      }
    }
  });
});

describe("routing agrees with src/export/diagram/routing.rs", () => {
  interface Case {
    source: Endpoint;
    target: Endpoint;
    obstacles: Rect[];
    bends: Point[];
    expected: Point[];
  }
  const { cases } = fixture<Case>("routing");

  it("routes every pair of endpoints as the core does", () => {
    expect(cases.length).toBeGreaterThan(150);
    cases.forEach((c, i) => {
      const crossings = (route: readonly Point[]) =>
        c.obstacles.filter((o) => route.slice(1).some((p, j) => intersects(o, boundsOfPoints([route[j]!, p])))).length;
      const route = c.bends.length > 0 ? routeThrough(c.source, c.target, c.bends) : routeOrthogonal(c.source, c.target, crossings);
      expectSame(route, c.expected, `case ${i}`);
    });
  });
});

describe("scene geometry agrees with src/export/diagram/mod.rs", () => {
  interface Case {
    name: string;
    input: { sample: string; plane?: string } | { process: Process };
    expected: unknown;
  }
  const { cases } = fixture<Case>("scene");

  function processOf(input: Case["input"]): Process {
    if ("process" in input) return input.process;
    return JSON.parse(readFileSync(new URL(input.sample, root), "utf8")) as Process;
  }

  it.each(cases.map((c) => [c.name, c] as const))("lays out %s as the core does", (_, c) => {
    const plane = "plane" in c.input ? c.input.plane : undefined;
    const scene = buildPlane(processOf(c.input), plane);
    const line = (f: FlowShape) => {
      const t = f.texts[0];
      return { id: f.id, points: f.points, arrow: f.arrow, text: t ? { x: t.x, y: t.y, align: t.align, grow: t.grow } : null };
    };
    const digest = {
      pools: scene.pools.map((p) => ({ id: p.id, y: p.rect.y, h: p.rect.h, header: p.header, blackBox: p.blackBox })),
      lanes: scene.lanes.map((l) => ({ id: l.id, y: l.rect.y, h: l.rect.h, header: l.header, index: l.index })),
      nodes: scene.nodes.map((n) => ({
        id: n.id,
        rect: n.rect,
        outline: n.outline,
        caption: n.caption && { x: n.caption.x, y: n.caption.y, align: n.caption.align, grow: n.caption.grow },
      })),
      flows: scene.flows.map((f) => ({ id: f.id, points: f.points, arrow: f.arrow, defaultMarker: f.defaultMarker })),
      messages: scene.messages.map(line),
      artifacts: scene.artifacts.map((a) => ({ id: a.id, rect: a.rect })),
      associations: scene.associations.map((a) => ({ id: a.id, points: a.points, arrows: a.arrows })),
    };
    expectSame(digest, c.expected, c.name);
    expect(bottom(scene.bounds)).toBeGreaterThan(0);
  });
});

describe("wrapping agrees with src/export/diagram/text.rs", () => {
  type Advances = { [char in string]?: { regular: number; bold: number } };
  type Case = { text: string; size: number; bold: boolean; maxWidth: number; maxLines: number; expected: string[] };
  const { cases } = fixture<Case | { advances: Advances }>("wrap");
  const [first, ...rest] = cases;
  const advances = first && "advances" in first ? first.advances : {};

  it("wraps every text as the core does, measuring with the core's advance widths", () => {
    expect(rest.length).toBeGreaterThan(200);
    for (const c of rest as Case[]) {
      const measure = (text: string) => {
        let sum = 0;
        for (const ch of text) sum += (c.bold ? advances[ch]?.bold : advances[ch]?.regular) ?? NaN;
        return sum * c.size;
      };
      expectSame(wrapText(c.text, c.maxWidth, c.maxLines, measure), c.expected, JSON.stringify([c.text, c.maxWidth, c.maxLines]));
    }
  });
});

describe("the process filter agrees with src/store/filter.rs", () => {
  type Case = { filter: string; expected: { matches: string[] } | { error: string } };
  const document = JSON.parse(readFileSync(new URL("tests/fixtures/twins/filter.json", root), "utf8")) as { summaries: ProcessSummary[]; cases: Case[] };

  it("matches every text against the summaries as the core does", () => {
    expect(document.cases.length).toBeGreaterThan(25);
    for (const c of document.cases) {
      const parsed = parseFilter(c.filter);
      const actual = "error" in parsed ? parsed : { matches: document.summaries.filter((s) => matchesFilter(parsed, s)).map((s) => s.id) };
      expectSame(actual, c.expected, JSON.stringify(c.filter));
    }
  });
});
