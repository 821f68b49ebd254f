// bpmn-js-differ on two BPMN files, parse included (bpmn-moddle's fromXML), as bpmn-io's own
// tools compare files: `node --stack-size=200000 differ.mjs OLD.bpmn NEW.bpmn [RUNS]` (under
// `ulimit -s unlimited`: the differ's array diff recurses once per element). Reads both files once, then
// times RUNS (default 5) parse + diff rounds after one warm-up round and prints one JSON line:
// the median and each round in ms, and how many elements the differ found changed.
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { BpmnModdle } from "bpmn-moddle";
import { diff } from "bpmn-js-differ";

const [oldFile, newFile, runsArg] = process.argv.slice(2);
if (!oldFile || !newFile) {
  console.error("usage: node differ.mjs OLD.bpmn NEW.bpmn [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const [oldXml, newXml] = await Promise.all([readFile(oldFile, "utf8"), readFile(newFile, "utf8")]);

async function round() {
  const moddle = new BpmnModdle();
  const { rootElement: oldDefinitions } = await moddle.fromXML(oldXml);
  const { rootElement: newDefinitions } = await moddle.fromXML(newXml);
  return diff(oldDefinitions, newDefinitions);
}

const first = await round();
const times = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  await round();
  times.push(performance.now() - start);
}
const sorted = [...times].sort((a, b) => a - b);
const count = (o) => Object.keys(o).length;
console.log(
  JSON.stringify({
    median_ms: sorted[Math.floor(sorted.length / 2)],
    runs_ms: times,
    changed: count(first._changed),
    added: count(first._added),
    removed: count(first._removed),
    layout_changed: count(first._layoutChanged),
  }),
);
