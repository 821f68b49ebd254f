import type { Action, CommandError, LogFormat, Scenario, ScenarioReplay, ScenarioSummary, SimulationStart, SimulationStep, StartedRun } from "./backend";

/** The log of one state in every format, as `simulation_log` renders it. */
export type RenderedLog = Record<LogFormat, string>;

/** A run made by the real core (tests/fixtures/generate.sh): every state and the action fired after it. */
export interface RecordedRun {
  process: string;
  version: number;
  data: Record<string, unknown>;
  start: string;
  steps: SimulationStep[];
  fired: Action[];
  logs: RenderedLog[];
}

/** What `replay_scenario` answered for a sample scenario (less the run id), with the log of each state. */
export interface ReplayFixture extends Omit<ScenarioReplay, "run"> {
  logs: RenderedLog[];
}

interface Walk {
  steps: SimulationStep[];
  fired: Action[];
  logs: RenderedLog[];
}

/** A run kept under its id: the recording it walks and how many of its states it has reached. */
interface LiveRun {
  walk: Walk;
  count: number;
}

/** Runs kept at once, as in the shell; starting one more closes the oldest. */
export const LIVE_RUNS = 8;

const refuse = (message: string): CommandError => ({ code: "simulation", message });

/** Same step: the fields `fire` reads (`evaluations` is only the reason shown). */
function sameStep(a: Action, b: Action): boolean {
  const key = (x: Action) => JSON.stringify([x.path ?? [], x.node, x.take ?? null, Object.entries(x.set ?? {}).sort()]);
  return key(a) === key(b);
}

/**
 * The simulation commands of the mock library, with no engine: start and fire walk runs the core
 * recorded (the recorded action leads to the next state, anything else is refused), the log of
 * each state is the one the core rendered, and saved scenarios are kept in memory.
 */
export class RecordedRuns {
  private readonly saved: Array<{ scenario: Scenario; summary: ScenarioSummary }> = [];
  private readonly live = new Map<number, LiveRun>();
  private next = 1;

  constructor(
    private readonly runs: RecordedRun[],
    private readonly replays: ReplayFixture[],
    private readonly author: string,
  ) {}

  start(start: SimulationStart, latest: number): StartedRun {
    const version = start.version ?? latest;
    const run = this.runs.find((r) => r.process === start.id && r.version === version);
    if (!run) throw refuse(`the mock library has no recorded run of v${version}`);
    if (JSON.stringify(sorted(run.data)) !== JSON.stringify(sorted(start.data)) || Date.parse(run.start) !== Date.parse(start.start)) {
      throw refuse(`the mock library only knows the run with data ${JSON.stringify(run.data)} starting ${run.start}`);
    }
    return { run: this.keep(run, 1), first: structuredClone(run.steps[0]!) };
  }

  /** Fires from the state after `step` actions; the later states are dropped, as in the shell. */
  fire(id: number, step: number, action: Action): SimulationStep {
    const live = this.at(id, step);
    const recorded = live.walk.fired[step];
    if (!recorded) throw refuse("the recorded run ends here");
    if (!sameStep(recorded, action)) {
      throw refuse(`the mock library only knows the recorded run, which fires node ${recorded.node} at step ${step + 1}`);
    }
    live.count = step + 2;
    return structuredClone(live.walk.steps[step + 1]!);
  }

  log(id: number, step: number, format: LogFormat): string {
    return this.at(id, step).walk.logs[step]![format];
  }

  save(scenario: Scenario, savedAt: string): void {
    if (this.scenarioNames().includes(scenario.name)) throw { code: "exists", message: `a scenario named "${scenario.name}" already exists` } satisfies CommandError;
    const summary = { name: scenario.name, process: scenario.process, version: scenario.version, steps: scenario.steps.length, author: this.author, saved_at: savedAt };
    this.saved.push({ scenario: structuredClone(scenario), summary });
  }

  list(id: string): ScenarioSummary[] {
    const fixtures = this.replays.map(({ scenario: s }) => ({ name: s.name, process: s.process, version: s.version, steps: s.steps.length, author: this.author, saved_at: "2026-01-01T09:00:00Z" }));
    return structuredClone([...fixtures, ...this.saved.map((s) => s.summary)].filter((s) => s.process === id));
  }

  /** A sample replay, or a saved scenario whose steps follow a recorded run. */
  replay(name: string): ScenarioReplay {
    const fixture = this.replays.find((r) => r.scenario.name === name);
    if (fixture) {
      const { logs, ...replay } = fixture;
      const walk = { steps: fixture.steps, fired: fixture.scenario.steps.map((s) => s.action), logs };
      return { ...structuredClone(replay), run: this.keep(walk, fixture.steps.length) };
    }
    const saved = this.saved.find((s) => s.scenario.name === name)?.scenario;
    if (!saved) throw { code: "not_found", message: `no scenario is named "${name}"` } satisfies CommandError;
    const run = this.runs.find((r) => r.process === saved.process && saved.steps.every((s, i) => r.fired[i] && sameStep(r.fired[i]!, s.action)));
    if (!run) throw refuse("the mock library cannot replay a run it did not record");
    const steps = run.steps.slice(0, saved.steps.length + 1);
    return { ...structuredClone({ scenario: saved, steps, divergence: null, newest_version: null, newest_divergence: null }), run: this.keep(run, steps.length) };
  }

  private scenarioNames(): string[] {
    return [...this.replays.map((r) => r.scenario.name), ...this.saved.map((s) => s.scenario.name)];
  }

  private keep(walk: Walk, count: number): number {
    const id = this.next++;
    this.live.set(id, { walk, count });
    const oldest = this.live.keys().next().value;
    if (this.live.size > LIVE_RUNS && oldest !== undefined) this.live.delete(oldest);
    return id;
  }

  private at(id: number, step: number): LiveRun {
    const live = this.live.get(id);
    if (!live) throw { code: "simulation_closed", message: "this simulation was closed; start it again" } satisfies CommandError;
    if (!Number.isInteger(step) || step < 0 || step >= live.count) throw refuse(`this simulation has no step ${step}; it has ${live.count}`);
    return live;
  }
}

function sorted(data: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(data).sort(([a], [b]) => a.localeCompare(b));
}
