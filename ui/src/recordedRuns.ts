import type { Action, CommandError, Instance, LogFormat, Scenario, ScenarioReplay, ScenarioSummary, SimulationStart, SimulationStep } from "./backend";

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

/** What `replay_scenario` answered for a sample scenario, with the log of each state. */
export interface ReplayFixture extends ScenarioReplay {
  logs: RenderedLog[];
}

interface Walk {
  steps: SimulationStep[];
  fired: Action[];
  logs: RenderedLog[];
}

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

  constructor(
    private readonly runs: RecordedRun[],
    private readonly replays: ReplayFixture[],
    private readonly author: string,
  ) {}

  start(start: SimulationStart, latest: number): SimulationStep {
    const version = start.version ?? latest;
    const run = this.runs.find((r) => r.process === start.id && r.version === version);
    if (!run) throw refuse(`the mock library has no recorded run of v${version}`);
    if (JSON.stringify(sorted(run.data)) !== JSON.stringify(sorted(start.data)) || Date.parse(run.start) !== Date.parse(start.start)) {
      throw refuse(`the mock library only knows the run with data ${JSON.stringify(run.data)} starting ${run.start}`);
    }
    return structuredClone(run.steps[0]!);
  }

  fire(instance: Instance, action: Action): SimulationStep {
    const walk = this.walkOf(instance);
    const recorded = walk.fired[instance.step];
    if (!recorded) throw refuse("the recorded run ends here");
    if (!sameStep(recorded, action)) {
      throw refuse(`the mock library only knows the recorded run, which fires node ${recorded.node} at step ${instance.step + 1}`);
    }
    return structuredClone(walk.steps[instance.step + 1]!);
  }

  log(instance: Instance, format: LogFormat): string {
    return this.walkOf(instance).logs[instance.step]![format];
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
      const { logs: _, ...replay } = fixture;
      return structuredClone(replay);
    }
    const saved = this.saved.find((s) => s.scenario.name === name)?.scenario;
    if (!saved) throw { code: "not_found", message: `no scenario is named "${name}"` } satisfies CommandError;
    const run = this.runs.find((r) => r.process === saved.process && saved.steps.every((s, i) => r.fired[i] && sameStep(r.fired[i]!, s.action)));
    if (!run) throw refuse("the mock library cannot replay a run it did not record");
    const steps = run.steps.slice(0, saved.steps.length + 1);
    return structuredClone({ scenario: saved, steps, divergence: null, newest_version: null, newest_divergence: null });
  }

  private scenarioNames(): string[] {
    return [...this.replays.map((r) => r.scenario.name), ...this.saved.map((s) => s.scenario.name)];
  }

  private walkOf(instance: Instance): Walk {
    const text = JSON.stringify(instance);
    const walks: Walk[] = [...this.runs, ...this.replays.map((r) => ({ steps: r.steps, fired: r.scenario.steps.map((s) => s.action), logs: r.logs }))];
    const walk = walks.find((w) => JSON.stringify(w.steps[instance.step]?.instance) === text);
    if (!walk) throw refuse("the mock library did not record this instance");
    return walk;
  }
}

function sorted(data: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(data).sort(([a], [b]) => a.localeCompare(b));
}
