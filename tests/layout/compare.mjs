// Layout quality against bpmn-auto-layout (the bpmn.io auto-layout): every file of the BPMN
// corpus (reference, tools, bc-tools) is stripped of its diagram, laid out by bpmn-auto-layout
// and by Flowlane (`flowlane import` + `flowlane layout --save` + `flowlane export --format
// bpmn`), and both drawings are measured the same way: edge crossings (two segments of different
// sequence flows crossing in their interiors) and bends (waypoints beyond the two ends).
//
// bpmn-auto-layout lays out only the first participant's process and draws sub-processes
// collapsed, so both drawings are measured over the sequence flows directly in that process.
// Files Flowlane does not import, or bpmn-auto-layout cannot lay out, are listed and skipped.
//
// Usage: node compare.mjs [--json | --markdown]   (FLOWLANE_BIN, BPMN_CORPUS override the defaults)
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { BpmnModdle } from "bpmn-moddle";
import { layoutProcess } from "bpmn-auto-layout";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const corpus = process.env.BPMN_CORPUS ?? join(repo, "..", "shared", "bpmn-corpus");
const flowlane =
  process.env.FLOWLANE_BIN ??
  [join(repo, "target", "release", "flowlane"), join(repo, "target", "debug", "flowlane")].find(existsSync);
if (!flowlane) throw new Error("build flowlane first (cargo build --release --bin flowlane) or set FLOWLANE_BIN");

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith(".bpmn") ? [path] : [];
  });
}

/** The file without its diagrams (cut from the text, so nothing else changes) and the ids of the
 * sequence flows directly in the process that is compared. */
async function strip(xml) {
  const stripped = xml
    .replace(/<([\w.-]+:)?BPMNDiagram\b[^>]*\/>/g, "")
    .replace(/<([\w.-]+:)?BPMNDiagram\b[\s\S]*?<\/\1?BPMNDiagram>/g, "");
  const { rootElement: definitions } = await new BpmnModdle().fromXML(stripped);
  const roots = definitions.rootElements ?? [];
  const collaboration = roots.find((e) => e.$type === "bpmn:Collaboration");
  const first = collaboration?.participants?.find((p) => p.processRef)?.processRef ?? roots.find((e) => e.$type === "bpmn:Process");
  const flows = (first?.flowElements ?? []).filter((e) => e.$type === "bpmn:SequenceFlow").map((e) => e.id);
  return { stripped, flows: new Set(flows) };
}

/** Waypoint lists of the given sequence flows, from every diagram of a laid-out file. */
async function edges(xml, flows) {
  const { rootElement: definitions } = await new BpmnModdle().fromXML(xml);
  const found = new Map();
  for (const diagram of definitions.diagrams ?? []) {
    for (const element of diagram.plane?.planeElement ?? []) {
      const id = element.bpmnElement?.id;
      if (element.$type === "bpmndi:BPMNEdge" && flows.has(id) && element.waypoint?.length >= 2) {
        found.set(id, element.waypoint.map((p) => ({ x: p.x, y: p.y })));
      }
    }
  }
  return found;
}

function orientation(a, b, c) {
  const v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  return Math.abs(v) < 1e-9 ? 0 : Math.sign(v);
}

/** Segments that cross in their interiors (touching ends and collinear overlaps do not count). */
function cross(p1, p2, q1, q2) {
  const d1 = orientation(p1, p2, q1);
  const d2 = orientation(p1, p2, q2);
  const d3 = orientation(q1, q2, p1);
  const d4 = orientation(q1, q2, p2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function measure(found) {
  const lines = [...found.values()];
  let crossings = 0;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      for (let a = 0; a + 1 < lines[i].length; a++) {
        for (let b = 0; b + 1 < lines[j].length; b++) {
          if (cross(lines[i][a], lines[i][a + 1], lines[j][b], lines[j][b + 1])) crossings++;
        }
      }
    }
  }
  const bends = lines.reduce((sum, points) => sum + points.length - 2, 0);
  return { crossings, bends, edges: lines.length };
}

function run(args, library) {
  return execFileSync(flowlane, ["--library", library, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FLOWLANE_AUTHOR: "layout-quality" } });
}

async function flowlaneLayout(stripped, work) {
  const file = join(work, "stripped.bpmn");
  const library = join(work, "library.flowlane");
  writeFileSync(file, stripped);
  run(["init"], library);
  const imported = run(["import", file], library);
  const id = /\(([0-9a-f-]{36})\)/.exec(imported)?.[1];
  if (!id) throw new Error(`no process id in: ${imported}`);
  run(["layout", id, "--save"], library);
  return run(["export", id, "--format", "bpmn"], library);
}

const rows = [];
const skipped = [];
for (const path of ["reference", "tools", "bc-tools"].flatMap((d) => files(join(corpus, d))).sort()) {
  const name = relative(corpus, path);
  const work = mkdtempSync(join(tmpdir(), "flowlane-layout-"));
  try {
    let stripped, flows;
    try {
      ({ stripped, flows } = await strip(readFileSync(path, "utf8")));
    } catch (error) {
      skipped.push([name, `not read: ${String(error.message).split("\n")[0]}`]);
      continue;
    }
    if (flows.size === 0) {
      skipped.push([name, "no sequence flow in the first process"]);
      continue;
    }
    let ours;
    try {
      ours = await flowlaneLayout(stripped, work);
    } catch (error) {
      skipped.push([name, `Flowlane: ${String(error.stderr ?? error.message).trim().split("\n")[0]}`]);
      continue;
    }
    let theirs;
    try {
      theirs = await layoutProcess(stripped);
    } catch (error) {
      skipped.push([name, `bpmn-auto-layout: ${String(error.message).split("\n")[0]}`]);
      continue;
    }
    const a = await edges(ours, flows);
    const b = await edges(theirs, flows);
    // Only flows both drew.
    for (const id of [...a.keys()]) if (!b.has(id)) a.delete(id);
    for (const id of [...b.keys()]) if (!a.has(id)) b.delete(id);
    rows.push({ name, flowlane: measure(a), auto: measure(b) });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const total = (key, what) => rows.reduce((s, r) => s + r[key][what], 0);
// Files where neither drawing has a crossing cannot have fewer: they are counted as ties apart,
// and the share of fewer crossings is taken over the files where either drawing has one.
const crossed = rows.filter((r) => r.flowlane.crossings > 0 || r.auto.crossings > 0);
const fewer = crossed.filter((r) => r.flowlane.crossings < r.auto.crossings).length;
const equal = crossed.filter((r) => r.flowlane.crossings === r.auto.crossings).length;
const more = crossed.filter((r) => r.flowlane.crossings > r.auto.crossings).length;
const share = crossed.length ? (100 * fewer) / crossed.length : 100;
const bends = [total("flowlane", "bends"), total("auto", "bends")];
// The target is on crossings; bends are reported beside it (lanes as bands make a flow between
// lanes bend, which bpmn-auto-layout, laying out no lanes, never has to).
const ok = share >= 90;
const summary =
  `layout quality on ${rows.length} corpus files without their diagram (${skipped.length} skipped): ` +
  `${rows.length - crossed.length} without a crossing in either drawing; of the ${crossed.length} with one, Flowlane has ` +
  `fewer crossings on ${fewer} (${share.toFixed(1)} %), as many on ${equal}, more on ${more}; ` +
  `crossings ${total("flowlane", "crossings")} vs ${total("auto", "crossings")}, bends ${bends[0]} vs ${bends[1]} (Flowlane vs bpmn-auto-layout) ` +
  `${ok ? "ok" : "UNDER TARGET (fewer crossings on >= 90 % of the files with one)"}`;

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ rows, skipped }, null, 2));
} else if (process.argv.includes("--markdown")) {
  // The README's table.
  console.log("| File | Flows | Crossings (Flowlane) | Bends (Flowlane) | Crossings (bpmn-auto-layout) | Bends (bpmn-auto-layout) |");
  console.log("|---|--:|--:|--:|--:|--:|");
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.flowlane.edges} | ${r.flowlane.crossings} | ${r.flowlane.bends} | ${r.auto.crossings} | ${r.auto.bends} |`);
  }
  console.log(`| **Total (${rows.length} files)** | ${total("flowlane", "edges")} | ${total("flowlane", "crossings")} | ${bends[0]} | ${total("auto", "crossings")} | ${bends[1]} |`);
  console.log("");
  for (const [name, why] of skipped) console.log(`- skipped ${name}: ${why}`);
  console.log("");
  console.log(summary);
  process.exit(0);
} else {
  const pad = (s, n) => String(s).padEnd(n);
  const num = (s, n) => String(s).padStart(n);
  console.log(`${pad("file", 78)} ${num("flows", 5)} | ${num("crossings", 9)} ${num("bends", 6)} (Flowlane) | ${num("crossings", 9)} ${num("bends", 6)} (bpmn-auto-layout)`);
  for (const r of rows) {
    console.log(`${pad(r.name, 78)} ${num(r.flowlane.edges, 5)} | ${num(r.flowlane.crossings, 9)} ${num(r.flowlane.bends, 6)}            | ${num(r.auto.crossings, 9)} ${num(r.auto.bends, 6)}`);
  }
  for (const [name, why] of skipped) console.log(`skipped ${name}: ${why}`);
}
console.log(`flowlane-bench: ${summary}`);
