// Flowlane's exports for an engine, checked in Node by `scripts/test`:
//
// 1. bpmn-engine (an independent BPMN executor): each sample scenario exported with
//    `--engine bpmn-engine` runs to completion along the path Flowlane's simulator took: the
//    same user tasks in the same order, the same end event. Whatever waits on the outside
//    (user tasks, message catches, boundary and intermediate timers) is signalled or fired when
//    it is the next node on the simulator's path still ahead; a task sets the values the
//    scenario's step set. Timers never fire by themselves: only the path is compared, not time.
// 2. Camunda 8: the `--engine camunda8` export loads in bpmn-moddle with zeebe-bpmn-moddle
//    without warnings, and each FEEL condition evaluated with feelin on the scenario's data
//    gives the value Flowlane's CEL gives (written into the plan by Rust).
//
// Usage: node run.mjs PLAN.json... (the plans `cargo test --test bpmn_export` writes to
// target/bpmn-exports/scenarios). Exits 1 if anything fails.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EventEmitter } from "node:events";
import { Engine } from "bpmn-engine";
import { BpmnModdle } from "bpmn-moddle";
import { evaluate } from "feelin";
import zeebe from "zeebe-bpmn-moddle/resources/zeebe.json" with { type: "json" };

/** Timers that wait until the driver fires them (only the path is compared, not the time). */
function heldTimers() {
  const pending = new Map();
  let count = 0;
  const add = (owner, callback, args) => {
    const ref = { id: `timer_${count++}` };
    pending.set(ref, { owner, fire: () => callback(...args) });
    return ref;
  };
  const clear = (ref) => void pending.delete(ref);
  return {
    pending,
    get executing() {
      return [...pending.keys()];
    },
    register: (owner) => ({ setTimeout: (cb, _delay, ...args) => add(owner, cb, args), clearTimeout: clear }),
    setTimeout: (cb, _delay, ...args) => add(null, cb, args),
    clearTimeout: clear,
  };
}

const idle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function runOnBpmnEngine(plan, folder) {
  const source = readFileSync(join(folder, plan.engines["bpmn-engine"]), "utf8");
  const timers = heldTimers();
  const engine = new Engine({ name: plan.scenario, source, timers });
  const listener = new EventEmitter();
  const waiting = new Map(); // element id → api
  const endedAt = [];
  listener.on("wait", (api) => waiting.set(api.id, api));
  listener.on("activity.end", (api) => {
    if (api.type === "bpmn:EndEvent") endedAt.push(api.id);
  });
  let done = false;
  let failure = null;
  engine.once("end", () => (done = true));
  engine.once("error", (error) => (failure = error));
  const variables = { ...plan.data };
  const executed = [];
  const tasks = new Set(plan.tasks.map((t) => t.id));
  const path = plan.path;
  let at = 0; // the next node of the simulator's path not yet passed
  const execution = await engine.execute({ listener, variables });
  for (let round = 0; round < 10_000 && !done && !failure; round++) {
    await idle();
    if (done || failure) break;
    // The first node still ahead on the path that waits on the driver: signal or fire it.
    let acted = false;
    for (let i = at; i < path.length && !acted; i++) {
      const id = path[i];
      const api = waiting.get(id);
      if (api) {
        waiting.delete(id);
        if (tasks.has(id)) {
          // What the scenario's step set, in order (a task can run more than once).
          const step = plan.tasks[executed.length];
          const values = step?.id === id ? step.set : {};
          executed.push(id);
          // Into every environment that evaluates conditions: the task's (a sub-process has its
          // own), its definition's and each running process's.
          const environments = [api.environment, execution.environment];
          for (const definition of execution.definitions) {
            environments.push(definition.environment);
            for (const process of definition.getProcesses()) environments.push(process.environment);
          }
          for (const environment of environments) Object.assign(environment.variables, values);
        }
        api.signal();
        at = i + 1;
        acted = true;
        continue;
      }
      const timer = [...timers.pending].find(([, t]) => t.owner?.id === id);
      if (timer) {
        timers.pending.delete(timer[0]);
        timer[1].fire();
        at = i + 1;
        acted = true;
      }
    }
    if (!acted) {
      const held = [...waiting.keys(), ...[...timers.pending.values()].map((t) => t.owner?.id)];
      return { executed, problem: `the engine waits on ${JSON.stringify(held)} with nothing on the path to deliver` };
    }
  }
  if (failure) return { executed, problem: `${failure.name}: ${failure.message}` };
  if (!done) return { executed, problem: "the process did not complete" };
  if (!endedAt.includes(plan.end)) return { executed, problem: `ended at ${JSON.stringify(endedAt)}, not at ${plan.end}` };
  return { executed, problem: null };
}

async function checkCamunda8(plan, folder, moddle, seen) {
  const problems = [];
  const file = plan.engines.camunda8;
  if (!seen.has(file)) {
    seen.add(file);
    const { warnings } = await moddle.fromXML(readFileSync(join(folder, file), "utf8"));
    for (const w of warnings) problems.push(`${file}: ${w.message}`);
  }
  let checked = 0;
  for (const c of plan.conditions) {
    const feel = c.feel.replace(/^=/, "");
    const { value, warnings } = evaluate(feel, c.data);
    checked++;
    if (value !== c.value || warnings.length) {
      problems.push(`${c.cel} → ${c.feel} on ${JSON.stringify(c.data)}: FEEL ${value}, CEL ${c.value} ${warnings.map((w) => w.message).join("; ")}`);
    }
  }
  return { problems, checked };
}

const plans = process.argv.slice(2);
const moddle = new BpmnModdle({ zeebe });
const seen = new Set();
let [passed, failed, skipped, feelChecked, feelFailed] = [0, 0, 0, 0, 0];
for (const path of plans) {
  const plan = JSON.parse(readFileSync(path, "utf8"));
  // Plans of the construct processes are for SpiffWorkflow only: they carry no engine exports.
  if (!plan.engines) {
    skipped++;
    continue;
  }
  const folder = dirname(dirname(path));
  const names = Object.fromEntries(plan.tasks.map((t) => [t.id, t.name]));
  let result;
  try {
    result = await runOnBpmnEngine(plan, folder);
  } catch (error) {
    result = { executed: [], problem: `${error.name}: ${error.message}` };
  }
  const expected = plan.tasks.map((t) => t.id);
  if (!result.problem && JSON.stringify(result.executed) !== JSON.stringify(expected)) {
    result.problem = "the task order differs";
  }
  if (!result.problem) {
    passed++;
    console.log(`pass  ${plan.scenario}: ${expected.length} tasks in the simulator's order`);
  } else {
    failed++;
    console.log(`FAIL  ${plan.scenario}: ${result.problem}`);
    console.log(`      simulator: ${JSON.stringify(expected.map((i) => names[i] ?? i))}`);
    console.log(`      engine:    ${JSON.stringify(result.executed.map((i) => names[i] ?? i))}`);
  }
  const feel = await checkCamunda8(plan, folder, moddle, seen);
  feelChecked += feel.checked;
  feelFailed += feel.problems.length;
  for (const p of feel.problems) console.log(`FAIL  camunda8 ${plan.scenario}: ${p}`);
}
console.log(`bpmn-engine: ${passed} passed, ${failed} failed (${skipped} plans for SpiffWorkflow only)`);
console.log(`camunda8: ${seen.size} files loaded, ${feelChecked} FEEL conditions checked, ${feelFailed} problems`);
process.exit(failed || feelFailed || passed === 0 ? 1 : 0);
