// The fake Tauri shell of the browser test: `window.__TAURI__.core.invoke` over an in-memory
// library, installed with page.addInitScript (so installFakeShell must not use closures).

/** Library as the fake shell serves it: each entry is the version history of one process. */
export function sampleLibrary(samples) {
  return {
    path: "/home/alex/Documents/Flowlane/library.flowlane",
    histories: [[samples.onboarding], [samples.payablesV1, samples.payablesV2], [samples.contracts]],
    drafts: [samples.contracts.id],
    // Who saved what, by process id and version number (default: Dana Whitfield, "Version N"),
    // and who signed its shared commit (default: nobody).
    saves: {
      [samples.payablesV1.id]: [
        { author: "Dana Whitfield", message: "Invoice approval routed by amount and department" },
        { author: "Marcus Oyelaran", message: "CFO approval for invoices over 10,000", signedBy: "Marcus.Oyelaran" },
      ],
    },
  };
}

/**
 * Installed before any page script: `window.__TAURI__.core.invoke` answering the library
 * commands from `library` with the store's semantics (restore appends, tags persist, version_at
 * picks the last version saved at or before the instant), or rejecting every call with
 * `library.failure`. `window.__fakeShellFail[command]`, when set, rejects that command once.
 * `library.listed` adds summaries to the list only (a big library's); `library.readOnly` (why)
 * opens the library read-only; `window.__fakeShellSaveElsewhere(id,
 * author, message)` is another process saving a version (the library's stamp moves).
 * What only the Rust core can compute comes from fixtures made with it (tests/fixtures/):
 * `library.comparisons` ({process, from, to, diff, text}), `library.problems` (by process id)
 * and `library.verify` (the tamper report; clean by default), `library.names` (the core's labels
 * by process id, sent beside each definition). Simulations walk `library.runs`
 * and `library.replays` (recorded by the core), kept under a run id as the shell keeps them
 * (the last 8): the recorded action leads to the next state, anything else is refused; saved
 * scenarios are kept in memory.
 */
export function installFakeShell(library) {
  const savedAt = (number) => `2026-11-${String(20 + number).padStart(2, "0")}T10:15:00Z`;
  // Same definition ⇒ same hash, like the store's sha256 of canonical JSON (here FNV-1a, padded).
  const hashOf = (process) => {
    const text = JSON.stringify(process);
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return hash.toString(16).padStart(8, "0").repeat(8);
  };
  const histories = new Map();
  // What the core calls each element, by process id (fixtures/names.json): the shell sends it
  // beside every definition, and only the core can describe an unnamed element.
  const namesOf = (id) => structuredClone(library.names?.[id] ?? {});
  const append = (process, author, message, signedBy = null) => {
    const history = histories.get(process.id) ?? [];
    const number = history.length + 1;
    const info = {
      process: process.id,
      number,
      hash: hashOf(process),
      prev_hash: history.at(-1)?.info.hash ?? null,
      author,
      message,
      saved_at: savedAt(number),
      tags: [],
      signed_by: signedBy,
    };
    history.push({ info, process: structuredClone(process) });
    histories.set(process.id, history);
    return info;
  };
  for (const history of library.histories) {
    history.forEach((process, i) => {
      const save = library.saves?.[process.id]?.[i];
      append(process, save?.author ?? "Dana Whitfield", save?.message ?? `Version ${i + 1}`, save?.signedBy ?? null);
    });
  }
  const historyOf = (id) => {
    const history = histories.get(id);
    if (!history) throw { code: "unknown_process", message: `no process matches "${id}"` };
    return history;
  };
  const saved = (history, number) => {
    const found = history[number - 1];
    if (!found) throw { code: "unknown_version", message: `the process has no version ${number}` };
    return found;
  };

  // Simulation: recorded states only (no engine here), as src/recordedRuns.ts does for the mock.
  const storedLogs = [];
  const savedMappings = {};
  let realityCancelled = false;
  const refuse = (message) => ({ code: "simulation", message });
  const sameStep = (a, b) => {
    const key = (x) => JSON.stringify([x.path ?? [], x.node, x.take ?? null, Object.entries(x.set ?? {}).sort()]);
    return key(a) === key(b);
  };
  // Runs kept under an id, as the shell keeps them (the last 8): the walk and the states reached.
  const liveRuns = new Map();
  let nextRun = 1;
  const keep = (walk, count) => {
    const id = nextRun++;
    liveRuns.set(id, { walk, count });
    if (liveRuns.size > 8) liveRuns.delete(liveRuns.keys().next().value);
    return id;
  };
  const runAt = (id, step) => {
    const live = liveRuns.get(id);
    if (!live) throw { code: "simulation_closed", message: "this simulation was closed; start it again" };
    if (!Number.isInteger(step) || step < 0 || step >= live.count) throw refuse(`this simulation has no step ${step}; it has ${live.count}`);
    return live;
  };
  const savedScenarios = [];
  // Batch runs answer from `library.batchRuns` (made by the CLI), in 20 progress steps
  // `library.batchDelayMs` apart, so a test can watch the bar and cancel in between.
  let batchCancelled = false;

  window.__fakeShellCalls = [];
  window.__fakeShellFail = {};
  // Another writer (`flowlane save` in a terminal): a new version of process `id`, and the
  // library's stamp (SQLite's data_version) moves, as it does only for other connections.
  let stamp = 0;
  const workingCopies = new Map();
  const created = new Map();
  window.__fakeShellSaveElsewhere = (id, author, message) => {
    append(historyOf(id).at(-1).process, author, message);
    stamp += 1;
  };
  window.__TAURI__ = {
    core: {
      Channel: class {
        constructor() {
          this.onmessage = () => {};
        }
      },
      async invoke(command, args) {
        window.__fakeShellCalls.push({ command, args });
        // The window's own state answers even when the library could not be opened.
        if (command === "take_arrival") return null; // launched without a file
        if (command === "set_menu_state" || command === "set_menu_shortcuts") return null;
        if (library.failure) throw library.failure;
        const failOnce = window.__fakeShellFail[command];
        if (failOnce) {
          delete window.__fakeShellFail[command];
          throw failOnce;
        }
        if (command === "library_stamp") return stamp;
        if (command === "create_process") {
          // New… blank, as blank.rs makes it: one workflow with a start event, never saved.
          if (args.template) throw { code: "unsupported", message: "the fake shell creates blank processes only" };
          const id = crypto.randomUUID();
          const [lane, start] = [crypto.randomUUID(), crypto.randomUUID()];
          const template = histories.values().next().value.at(-1).process;
          created.set(id, {
            ...structuredClone(template),
            id,
            info: { ...structuredClone(template.info), name: args.name, variables: [] },
            lanes: [{ id: lane, name: "Workflow 1", team: "", trigger: "", output: "", order: 0 }],
            nodes: [{ id: start, lane, name: "Start", kind: { type: "start" } }],
            flows: [],
            pools: [],
            messages: [],
            artifacts: [],
            associations: [],
            layout: { nodes: { [start]: { x: 250, y: 55, w: 50, h: 50 } }, lanes: { [lane]: 160 } },
          });
          return id;
        }
        if (command === "library_overview") {
          const blank = [...created.values()].map((p) => ({ id: p.id, name: p.info.name, category: p.info.category, owner: "", tags: [], latest: null, saved_at: null, has_draft: true, archived: false }));
          return {
            path: library.path,
            created: false,
            read_only: library.readOnly ?? null,
            // `library.listed`: summaries of processes only listed (never opened), for a big library.
            processes: [...(library.listed ?? []), ...blank, ...[...histories.values()].map((history) => {
              const latest = history[history.length - 1];
              return {
                id: latest.process.id,
                name: latest.process.info.name,
                category: latest.process.info.category,
                owner: latest.process.info.owner ?? "",
                tags: [...new Set(history.flatMap((entry) => entry.info.tags))].sort(),
                latest: latest.info.number,
                saved_at: latest.info.saved_at,
                has_draft: library.drafts.includes(latest.process.id),
                archived: false,
              };
            })],
          };
        }
        if (command === "load_process") {
          const history = histories.get(args.id);
          if (!history) throw { code: "not_found", message: `No process ${args.id}` };
          if (library.loadFailure) throw library.loadFailure;
          const found = history[(args.version ?? history.length) - 1];
          if (!found) throw { code: "not_found", message: `No version ${args.version}` };
          return { version: structuredClone(found.info), process: structuredClone(found.process), names: namesOf(args.id) };
        }
        if (command === "open_editor") {
          // The working copy is the latest version: editing itself needs the core (see tests/e2e).
          if (library.loadFailure) throw library.loadFailure;
          if (created.has(args.id)) {
            const process = created.get(args.id);
            workingCopies.set(args.id, process);
            return { process: structuredClone(process), names: {}, base_version: null, latest: null, recovered_draft: null, can_undo: false, can_redo: false, unsaved: true };
          }
          const latest = historyOf(args.id).at(-1);
          workingCopies.set(args.id, latest.process);
          const draft = library.drafts.includes(args.id);
          return {
            process: structuredClone(latest.process),
            names: namesOf(args.id),
            base_version: latest.info.number,
            latest: structuredClone(latest.info),
            recovered_draft: draft ? latest.info.saved_at : null,
            can_undo: false,
            can_redo: false,
            unsaved: draft,
          };
        }
        if (command === "validate_draft") return structuredClone(library.problems?.[args.id] ?? []);
        if (command === "save_draft") return { can_undo: false, can_redo: false, unsaved: false };
        if (command === "save_process_version") {
          // The working copy as it was opened (the fake shell does not edit), on top of the history.
          const copy = workingCopies.get(args.id);
          if (!copy) throw { code: "not_open", message: `process ${args.id} is not open for editing` };
          const info = append({ ...copy, info: { ...copy.info, owner: `${copy.info.owner} (saved again)` } }, "Dana Whitfield", args.message);
          return { version: structuredClone(info), errors: [], can_undo: false, can_redo: false, unsaved: false };
        }
        if (command === "set_title" || command === "check_condition") return null;
        if (command === "set_menu_state" || command === "set_menu_shortcuts") return null;
        if (command === "unsaved_processes") return [];
        if (command === "process_history") {
          return historyOf(args.id).map((s) => structuredClone(s.info));
        }
        if (command === "version_at") {
          const at = Date.parse(args.at);
          if (Number.isNaN(at) || !/Z$/.test(args.at)) throw `invalid args \`at\` for command \`version_at\``;
          const inForce = historyOf(args.id).filter((s) => Date.parse(s.info.saved_at) <= at).at(-1);
          return inForce ? structuredClone(inForce.info) : null;
        }
        if (command === "restore_version") {
          const history = historyOf(args.id);
          const old = saved(history, args.number);
          const latest = history[history.length - 1];
          if (old.info.hash === latest.info.hash) {
            throw { code: "unchanged", message: `nothing changed since version ${latest.info.number}; no new version was saved` };
          }
          return structuredClone(append(old.process, "Dana Whitfield", `Restore version ${args.number}`));
        }
        if (command === "tag_version") {
          const { info } = saved(historyOf(args.id), args.number);
          const tag = args.tag.trim();
          if (!info.tags.includes(tag)) info.tags = [...info.tags, tag].sort();
          return null;
        }
        if (command === "compare_versions") {
          const history = historyOf(args.id);
          const [old, now] = [saved(history, args.from), saved(history, args.to)];
          const fixture = (library.comparisons ?? []).find((c) => c.process === args.id && c.from === args.from && c.to === args.to);
          if (!fixture) throw { code: "no_fixture", message: `the fake shell has no comparison of v${args.from} and v${args.to}` };
          const loaded = (s) => ({ version: structuredClone(s.info), process: structuredClone(s.process), names: namesOf(args.id) });
          return { old: loaded(old), new: loaded(now), diff: structuredClone(fixture.diff), text: structuredClone(fixture.text) };
        }
        if (command === "validate_process") {
          const history = historyOf(args.id);
          saved(history, args.version ?? history.length);
          return structuredClone(library.problems?.[args.id] ?? []);
        }
        if (command === "verify_library") {
          if (library.verify) return structuredClone(library.verify);
          const versions = [...histories.values()].reduce((sum, h) => sum + h.length, 0);
          return { processes: histories.size, versions, problems: [] };
        }
        if (command === "simulation_start") {
          const version = args.version ?? historyOf(args.id).length;
          const run = (library.runs ?? []).find((r) => r.process === args.id && r.version === version);
          if (!run) throw refuse(`the fake shell has no recorded run of v${version}`);
          const sorted = (data) => JSON.stringify(Object.entries(data).sort(([a], [b]) => a.localeCompare(b)));
          if (sorted(run.data) !== sorted(args.data) || Date.parse(run.start) !== Date.parse(args.start)) {
            throw refuse(`the fake shell only knows the run with data ${JSON.stringify(run.data)} starting ${run.start}`);
          }
          return { run: keep(run, 1), first: structuredClone(run.steps[0]) };
        }
        if (command === "simulation_fire") {
          const live = runAt(args.run, args.step);
          const recorded = live.walk.fired[args.step];
          if (!recorded) throw refuse("the recorded run ends here");
          if (!sameStep(recorded, args.action)) throw refuse(`the recorded run fires node ${recorded.node} at step ${args.step + 1}`);
          live.count = args.step + 2;
          return structuredClone(live.walk.steps[args.step + 1]);
        }
        if (command === "simulation_log") return runAt(args.run, args.step).walk.logs[args.step][args.format];
        if (command === "save_simulation_log") {
          const text = runAt(args.run, args.step).walk.logs[args.step][args.format];
          // The native save dialog cannot be clicked in a browser: answer as if the user chose a file.
          const path = `/home/trainer/simulation-log.${args.format === "markdown" ? "md" : args.format}`;
          window.__savedLogs = [...(window.__savedLogs ?? []), { path, text }];
          return path;
        }
        if (command === "export_process") {
          // The native save dialog cannot be clicked in a browser: answer as if the user chose a file.
          const { process } = historyOf(args.id)[args.version - 1];
          const path = `/home/alex/Documents/${process.info.name}.${args.format === "markdown" ? "md" : args.format}`;
          window.__exports = [...(window.__exports ?? []), { path, ...args }];
          return path;
        }
        if (command === "list_scenarios") {
          const summary = (s) => ({ name: s.name, process: s.process, version: s.version, steps: s.steps.length, author: "Dana Whitfield", saved_at: "2026-11-20T10:15:00Z" });
          const all = [...(library.replays ?? []).map((r) => r.scenario), ...savedScenarios];
          return all.filter((s) => s.process === args.id).map(summary);
        }
        if (command === "save_scenario") {
          const taken = [...(library.replays ?? []).map((r) => r.scenario), ...savedScenarios].some((s) => s.name === args.scenario.name);
          if (taken) throw { code: "exists", message: `a scenario named "${args.scenario.name}" already exists` };
          savedScenarios.push(structuredClone(args.scenario));
          return null;
        }
        if (command === "replay_scenario") {
          const replay = (library.replays ?? []).find((r) => r.scenario.name === args.name);
          if (!replay) throw { code: "not_found", message: `no scenario is named "${args.name}"` };
          const { logs, ...answer } = replay;
          const walk = { steps: replay.steps, fired: replay.scenario.steps.map((s) => s.action), logs };
          return { ...structuredClone(answer), run: keep(walk, replay.steps.length) };
        }
        if (command === "batch_simulate") {
          const fixture = (library.batchRuns ?? []).find((r) => r.process === args.id && r.compareWith === args.compareWith);
          if (!fixture) throw { code: "batch", message: "the fake shell has no batch run recorded for this request" };
          batchCancelled = false;
          const { run } = fixture;
          const events = run.base.result.events + (run.other?.result.events ?? 0);
          for (let step = 1; step <= 20; step++) {
            await new Promise((done) => setTimeout(done, library.batchDelayMs ?? 30));
            if (batchCancelled) throw { code: "cancelled", message: "the simulation was cancelled" };
            args.onProgress.onmessage({ fraction: step / 20, instances_done: Math.round((run.base.result.instances.started * step) / 20), events: Math.round((events * step) / 20) });
          }
          return structuredClone(run);
        }
        if (command === "batch_gaps") {
          const fixture = (library.batchRuns ?? []).find((r) => r.process === args.id && r.gaps);
          return structuredClone(fixture?.gaps ?? { gaps: [], defaults: {} });
        }
        if (command === "pick_parameter_file") return library.parameterFile ?? null;
        if (command === "batch_cancel") {
          batchCancelled = true;
          return null;
        }
        if (command === "save_batch_result") {
          const path = `/home/analyst/batch-simulation.${args.format}`;
          window.__savedBatch = [...(window.__savedBatch ?? []), { path, format: args.format, label: args.run.base.label }];
          return path;
        }
        // Reality: `library.reality` (generate.sh's `reality`: the core's answers for one CSV log)
        // answers the log commands; an import stores its log in memory; a CSV without a case or
        // activity column chosen is refused as the core refuses it.
        const reality = library.reality;
        if (command === "pick_log") return reality?.pick ?? null;
        if (command === "preview_log" || command === "import_log") {
          const preview = structuredClone(reality?.previews?.[args.path]);
          if (!preview) throw { code: "log", message: `${args.path}: the file cannot be read; nothing was stored` };
          for (const [role, column] of Object.entries(args.columns)) if (column) preview.detected[role] = column;
          if (command === "preview_log") return preview;
          if (!preview.detected.case || !preview.detected.activity) throw { code: "log", message: `${args.path}: the log has no column for the case id; choose the column; nothing was stored` };
          realityCancelled = false;
          for (let step = 1; step <= 4; step++) {
            await new Promise((done) => setTimeout(done, 20));
            if (realityCancelled) throw { code: "cancelled", message: "the import was cancelled; nothing was stored" };
            args.onProgress.onmessage({ bytes: step, total: 4, events: Math.round((reality.imported.events * step) / 4) });
          }
          const log = { ...structuredClone(reality.imported), process: args.id, number: storedLogs.filter((l) => l.process === args.id).length + 1 };
          storedLogs.push(log);
          return { log, new: true };
        }
        if (command === "cancel_log_import") {
          realityCancelled = true;
          return null;
        }
        if (command === "process_logs") return storedLogs.filter((l) => l.process === args.id);
        if (command === "log_conformance") return structuredClone(reality.conformance);
        if (command === "log_fit_by_version") return structuredClone(reality.fits);
        if (command === "log_mapping") {
          const saved = savedMappings[args.id] ?? {};
          const activities = reality.mapping.activities.map((row) => (row.activity in saved ? { ...row, step: saved[row.activity] ?? undefined, matched_by: "saved", suggestions: [] } : row));
          return { steps: reality.mapping.steps, activities };
        }
        if (command === "save_log_mapping") {
          savedMappings[args.id] = structuredClone(args.mapping);
          return null;
        }
        if (command === "log_performance") return structuredClone(reality.performance);
        if (command === "log_calibration") {
          batchCancelled = false;
          for (let step = 1; step <= 10; step++) {
            await new Promise((done) => setTimeout(done, library.batchDelayMs ?? 30));
            if (batchCancelled) throw { code: "cancelled", message: "the simulation was cancelled" };
            args.onProgress.onmessage({ fraction: step / 10, instances_done: (reality.calibration.simulated_cases * step) / 10, events: 0 });
          }
          return structuredClone(reality.calibration);
        }
        if (command === "save_reality_report") {
          const path = `/home/analyst/${args.report}.${args.format}`;
          window.__savedReports = [...(window.__savedReports ?? []), { path, report: args.report, format: args.format }];
          return path;
        }
        // Sync: `library.sync` = { remote, result (what sync_now answers, as the core does),
        // merged (by process id: the definition the core saves for a resolved merge) }.
        if (command === "sync_state") {
          return { remote: library.sync?.remote ?? null, merges: structuredClone(window.__fakeMerges ?? []) };
        }
        if (command === "link_remote") {
          library.sync = { ...(library.sync ?? {}), remote: args.url };
          return { remote: args.url, merges: [] };
        }
        if (command === "sync_now") {
          if (!library.sync?.remote) throw { code: "not_linked", message: "this library is not linked to a shared repository" };
          // Long enough for the progress state to be seen.
          await new Promise((done) => setTimeout(done, 300));
          window.__fakeMerges = structuredClone(library.sync.result.merges);
          return structuredClone(library.sync.result);
        }
        if (command === "resolve_merge") {
          const merges = window.__fakeMerges ?? [];
          const merge = merges.find((m) => m.process === args.id);
          if (!merge) throw { code: "no_merge", message: "no merge waits for this process" };
          for (const [number, side] of args.choices) {
            const conflict = merge.conflicts.find((c) => c.number === number);
            if (!conflict) throw { code: "unknown_conflict", message: `there is no conflict ${number} in this merge` };
            conflict.choice = side;
          }
          if (merge.conflicts.some((c) => c.choice === null)) return { saved: null, merge: structuredClone(merge) };
          window.__fakeMerges = merges.filter((m) => m !== merge);
          const saved = append(library.sync.merged[args.id], "Flowlane user", `Merge ${library.sync.about}`);
          return { saved, merge: null };
        }
        throw `unknown command ${command}`;
      },
    },
  };
}
