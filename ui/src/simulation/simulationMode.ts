import { toCommandError, type Action, type Backend, type LogCaseReplay, type ScenarioReplay, type SimulationStep } from "../backend";
import type { Canvas } from "../canvas";
import type { Process } from "../generated/Process";
import { ActionList } from "./actionList";
import { actionLabel, simulatedTime, statusText } from "./describe";
import { logRows } from "./logRows";
import { LogTable } from "./logTable";
import { ScenarioBar } from "./scenarioBar";
import { StartPanel } from "./startPanel";
import { Timeline } from "./timeline";
import { firableNodes, tokenDecorations } from "./tokens";

/** A real case of a stored log, replayed: the trainer steps through what the case did. */
export interface CaseReplay {
  replay: LogCaseReplay;
  case: string;
  log: number;
}

/**
 * What is simulated: the process, its version on the canvas and the day the start form proposes;
 * with `caseReplay`, the run opens on that case instead of the start form.
 */
export interface Subject {
  process: Process;
  version: number;
  today: string;
  caseReplay?: CaseReplay;
}

/**
 * A run as the UI shows it: the shell keeps the run under `id` (the UI sends only actions and
 * step numbers); here are the states it answered, the action fired after each, a note per step.
 */
interface Run {
  id: number;
  states: SimulationStep[];
  fired: Action[];
  notes: string[];
  data: Record<string, unknown>;
  start: string;
  version: number;
  /** What the banner says while replaying a scenario or a log's case (until the user fires something else). */
  replay: string | null;
  /** Started with Run: after each choice the user makes, it runs on to the end or the next choice. */
  toEnd: boolean;
}

/** How many steps Run fires before it stops (a loop whose conditions never let go). */
const RUN_LIMIT = 500;

/** Milliseconds between automatic steps, by speed. */
const SPEEDS: Record<string, number> = { slow: 1600, normal: 800, fast: 250 };

/**
 * Simulation mode: the start panel, then the run — tokens on the canvas (layer "simulation"),
 * the enabled actions, the timeline with step back / jump / play, the log and scenarios. States
 * are values the shell returned for its kept run, so stepping back is showing an earlier one.
 */
export class SimulationMode {
  private readonly startPanel: StartPanel;
  private readonly runSection = document.createElement("section");
  private readonly status = document.createElement("p");
  private readonly note = document.createElement("p");
  private readonly banner = document.createElement("p");
  private readonly actions: ActionList;
  private readonly timeline: Timeline;
  private readonly log: LogTable;
  private readonly scenarioBar: ScenarioBar;
  private readonly play = document.createElement("button");
  private readonly back = document.createElement("button");
  private readonly forward = document.createElement("button");
  private readonly again = document.createElement("button");
  private readonly other = document.createElement("button");
  private readonly speed = document.createElement("select");
  private subject: Subject | null = null;
  private run: Run | null = null;
  private index = 0;
  private timer = 0;
  private busy = false;

  constructor(
    private readonly backend: Backend,
    private readonly canvas: Canvas,
    private readonly panel: HTMLElement,
    logElement: HTMLElement,
    private readonly report: (message: string, error?: unknown) => void,
    onExit: () => void,
  ) {
    const header = document.createElement("div");
    header.className = "panel-header";
    header.innerHTML = `<h2 class="panel-title">Simulation</h2><span class="panel-count"></span>`;
    const exit = document.createElement("button");
    exit.type = "button";
    exit.id = "exit-simulation";
    exit.className = "panel-button";
    exit.textContent = "Exit simulation";
    exit.addEventListener("click", onExit);
    header.append(exit);
    this.startPanel = new StartPanel(document.createElement("section"), {
      start: (data, start, toEnd) => void this.start(data, start, toEnd),
      replay: (name) => void this.replay(name),
    });
    this.actions = new ActionList(document.createElement("div"), (action) => void this.choose(action));
    this.timeline = new Timeline(document.createElement("div"), (step) => this.showStep(step), (step, note) => this.setNote(step, note));
    this.log = new LogTable(logElement, (format) => this.renderLog(format), (format) => this.saveLog(format));
    this.scenarioBar = new ScenarioBar(document.createElement("form"), (name) => this.save(name));
    this.runSection.id = "sim-run";
    this.runSection.className = "sim-run";
    this.status.id = "sim-status";
    this.status.className = "sim-status";
    this.note.id = "sim-note";
    this.note.className = "sim-note";
    this.banner.id = "sim-replay-banner";
    this.banner.className = "sim-banner";
    this.runSection.append(this.banner, this.status, this.controls(), this.note, this.actions.element, this.timeline.element, this.scenarioBar.element);
    panel.replaceChildren(header, this.startPanel.element, this.runSection);
  }

  get isActive(): boolean {
    return this.subject !== null;
  }

  /** Enters simulation mode on the shown process and version: the start panel and its scenarios. */
  open(subject: Subject): void {
    this.subject = subject;
    this.reset();
    this.startPanel.show(subject.process, subject.today);
    this.panel.hidden = false;
    this.canvas.setMode("simulate");
    this.startPanel.focus();
    void this.loadScenarios();
    if (subject.caseReplay) this.replayCase(subject.caseReplay);
  }

  /** Opens the run a log's case made, at its first step; the banner says where it leaves the design. */
  private replayCase({ replay, case: id, log }: CaseReplay): void {
    const { scenario } = replay;
    const fired = scenario.steps.slice(0, replay.steps.length - 1).map((s) => s.action);
    const notes = ["", ...scenario.steps.map((s) => s.note ?? "")];
    const banner = caseBanner(id, log, replay);
    this.begin({ id: replay.run, states: replay.steps, fired, notes, data: scenario.data, start: scenario.start, version: scenario.version, replay: banner, toEnd: false }, 0);
    this.report(banner);
  }

  close(): void {
    if (!this.subject) return;
    this.subject = null;
    this.reset();
    this.panel.hidden = true;
    this.canvas.setMode("view");
  }

  /** A click on the canvas: fires the action at that node when there is exactly one. */
  canvasSelected(id: string | null): void {
    const state = this.run?.states[this.index];
    if (!state || id === null || !firableNodes(state).has(id)) return;
    // The token moves on, so the clicked node is not left selected.
    if (this.actions.fireAt(id)) this.canvas.select(null);
  }

  stepBack(): void {
    if (this.run && this.index > 0) this.showStep(this.index - 1);
  }

  /** Shows the next kept state, or fires the only enabled action (not a choice). */
  async stepForward(): Promise<boolean> {
    const run = this.run;
    if (!run || this.busy) return false;
    if (this.index < run.states.length - 1) {
      this.showStep(this.index + 1);
      return true;
    }
    const enabled = run.states[this.index]!.enabled;
    if (enabled.length !== 1 || enabled[0]!.take !== undefined) return false;
    return this.fire(enabled[0]!);
  }

  private controls(): HTMLElement {
    const bar = document.createElement("div");
    bar.className = "sim-controls";
    const button = (b: HTMLButtonElement, id: string, text: string, title: string, act: () => void) => {
      b.type = "button";
      b.id = id;
      b.className = "panel-button";
      b.textContent = text;
      b.title = title;
      b.addEventListener("click", act);
      return b;
    };
    button(this.play, "sim-play", "", "Play to the next choice", () => this.setPlaying(this.timer === 0));
    this.speed.id = "sim-speed";
    this.speed.setAttribute("aria-label", "Speed");
    for (const name of Object.keys(SPEEDS)) this.speed.append(new Option(name[0]!.toUpperCase() + name.slice(1), name, false, name === "normal"));
    this.speed.addEventListener("change", () => this.timer !== 0 && this.setPlaying(true));
    bar.append(
      button(this.back, "sim-back", "◀ Back", "Step back (Alt+←)", () => this.stepBack()),
      this.play,
      button(this.forward, "sim-forward", "Step ▶", "Step forward (Alt+→)", () => void this.stepForward()),
      this.speed,
      button(this.again, "sim-again", "↻ Run again", "A new run with the same data and start", () => void this.runAgain()),
      button(this.other, "sim-new", "New run…", "Back to the instance data, as typed, to start a run with other values", () => this.newRun()),
    );
    this.setPlaying(false);
    return bar;
  }

  /** A new run from the start with the data and start time of the one shown. */
  private async runAgain(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.setPlaying(false);
    await this.start(run.data, run.start);
  }

  /** Back to the start form, its fields as they were typed, for a run with other data. */
  private newRun(): void {
    this.reset();
    this.startPanel.element.hidden = false;
    this.startPanel.focus();
  }

  private setPlaying(playing: boolean): void {
    window.clearInterval(this.timer);
    this.timer = 0;
    if (playing) {
      this.timer = window.setInterval(() => {
        if (this.busy) return;
        void this.stepForward().then((moved) => moved || this.setPlaying(false));
      }, SPEEDS[this.speed.value] ?? SPEEDS.normal);
    }
    this.play.textContent = playing ? "❚❚ Pause" : "▶ Play";
    this.play.setAttribute("aria-pressed", String(playing));
  }

  private reset(): void {
    this.setPlaying(false);
    this.run = null;
    this.index = 0;
    this.runSection.hidden = true;
    this.log.element.hidden = true;
    this.log.reset();
    this.canvas.setDecorations("simulation", null);
  }

  private async loadScenarios(): Promise<void> {
    const subject = this.subject;
    if (!subject) return;
    try {
      const scenarios = await this.backend.listScenarios(subject.process.id);
      if (subject === this.subject) this.startPanel.showScenarios(scenarios);
    } catch (error) {
      this.startPanel.showScenarios("The scenarios could not be read.");
      this.report("The scenarios could not be read", error);
    }
  }

  private async start(data: Record<string, unknown>, start: string, toEnd = false): Promise<void> {
    const subject = this.subject;
    if (!subject || this.busy) return;
    this.busy = true;
    let begun: Run | null = null;
    try {
      const { run, first } = await this.backend.simulationStart({ id: subject.process.id, version: subject.version, data, start });
      if (subject !== this.subject) return;
      begun = { id: run, states: [first], fired: [], notes: [""], data, start, version: subject.version, replay: null, toEnd };
      this.begin(begun);
    } catch (error) {
      this.startPanel.showError(toCommandError(error).message);
    } finally {
      this.busy = false;
    }
    if (begun && toEnd) await this.runToEnd(begun);
  }

  /** An action the user fired (from the list or the canvas); a run started with Run goes on from there. */
  private async choose(action: Action): Promise<void> {
    const run = this.run;
    if ((await this.fire(action)) && run?.toEnd) await this.runToEnd(run);
  }

  /**
   * Fires every step that needs no choice, at once: the run ends, or waits where the user must
   * choose (or after RUN_LIMIT steps). Ended, the start form takes the next values.
   */
  private async runToEnd(run: Run): Promise<void> {
    let fired = 0;
    while (fired < RUN_LIMIT && run === this.run && (await this.stepForward())) fired++;
    if (run !== this.run) return;
    if (run.states.at(-1)!.enabled.length === 0) this.startPanel.focusData();
    else if (fired === RUN_LIMIT) this.report(`Stopped after ${RUN_LIMIT} steps; Step or Play goes on`);
  }

  private async replay(name: string): Promise<void> {
    const subject = this.subject;
    if (!subject || this.busy) return;
    this.busy = true;
    try {
      const replay = await this.backend.replayScenario(name);
      if (subject !== this.subject) return;
      const { scenario } = replay;
      const fired = scenario.steps.slice(0, replay.steps.length - 1).map((s) => s.action);
      const notes = ["", ...scenario.steps.map((s) => s.note ?? "")];
      this.begin({ id: replay.run, states: replay.steps, fired, notes, data: scenario.data, start: scenario.start, version: scenario.version, replay: replayBanner(replay), toEnd: false }, 0);
      this.report(`Replaying "${name}"`);
    } catch (error) {
      this.report(`The scenario "${name}" could not be replayed`, error);
    } finally {
      this.busy = false;
    }
  }

  private begin(run: Run, at = run.states.length - 1): void {
    this.run = run;
    this.startPanel.element.hidden = true;
    this.runSection.hidden = false;
    this.log.element.hidden = false;
    this.banner.hidden = !run.replay;
    if (run.replay) this.banner.textContent = run.replay;
    this.scenarioBar.show(run.replay === null);
    this.showStep(at);
  }

  private async fire(action: Action): Promise<boolean> {
    const run = this.run;
    if (!run || this.busy) return false;
    this.busy = true;
    try {
      const next = await this.backend.simulationFire(run.id, this.index, action);
      if (run !== this.run) return false;
      // Firing from an earlier step starts a new future: the later states are dropped.
      run.states.splice(this.index + 1, Infinity, next);
      run.fired.splice(this.index, Infinity, action);
      run.notes.splice(this.index + 1, Infinity, "");
      if (run.replay) {
        run.replay = null;
        this.banner.hidden = true;
        this.scenarioBar.show(true);
      }
      this.showStep(this.index + 1);
      return true;
    } catch (error) {
      this.setPlaying(false);
      this.report("That step cannot fire", error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private showStep(step: number): void {
    const run = this.run;
    if (!run) return;
    this.index = Math.max(0, Math.min(step, run.states.length - 1));
    const state = run.states[this.index]!;
    const { instance, names } = state;
    this.status.textContent = statusText(instance, names);
    this.status.dataset.state = instance.status.state;
    this.actions.show(instance, state.enabled, names);
    // A run that ended (or is stuck) at its last kept state has nowhere further to go.
    const over = this.index === run.states.length - 1 && state.enabled.length === 0;
    if (over) this.setPlaying(false);
    // Once the run has nowhere further to go, the start form (as typed) waits for the next one.
    this.startPanel.element.hidden = run.states.at(-1)!.enabled.length > 0;
    this.forward.disabled = over;
    this.play.disabled = over;
    this.back.disabled = this.index === 0;
    const entries = run.states.map((s, i) => ({
      label: i === 0 ? "Start" : actionLabel(run.states[i - 1]!.instance, run.states[i - 1]!.names, run.fired[i - 1]!),
      time: simulatedTime(s.instance.now),
      note: run.notes[i] ?? "",
    }));
    this.timeline.show(entries, this.index, run.replay === null);
    this.timeline.element.dataset.tokens = instance.tokens.map((t) => t.flow).sort().join(" ");
    const note = run.replay ? run.notes[this.index] : "";
    this.note.textContent = note ?? "";
    this.note.hidden = !note;
    this.log.show(logRows(instance));
    this.canvas.setDecorations("simulation", tokenDecorations(state));
    // The token is what a run is watched by: the step it waits at is brought into view.
    const waiting = instance.tokens.map((t) => instance.definition.flows.find((f) => f.id === t.flow)?.target).find((id) => id !== undefined) ?? instance.calls[0]?.node;
    if (waiting) this.canvas.reveal(waiting);
  }

  private setNote(step: number, note: string): void {
    if (this.run) this.run.notes[step] = note;
  }

  /** Saves the shown state's log through the native dialog: the path, or null (cancelled or failed). */
  private async saveLog(format: "csv" | "markdown"): Promise<string | null> {
    const run = this.run;
    if (!run) return null;
    try {
      return await this.backend.saveSimulationLog(run.id, this.index, format);
    } catch (error) {
      this.report("The log could not be saved", error);
      return null;
    }
  }

  private async renderLog(format: "text" | "csv" | "markdown"): Promise<string | null> {
    const run = this.run;
    if (!run) return null;
    try {
      return await this.backend.simulationLog(run.id, this.index, format);
    } catch (error) {
      this.report("The log could not be exported", error);
      return null;
    }
  }

  /** Saves the kept run up to the shown step with its notes; false (and why) when refused. */
  private async save(name: string): Promise<string | null> {
    const run = this.run;
    const subject = this.subject;
    if (!run || !subject) return "Nothing to save";
    const steps = run.fired.slice(0, this.index).map((action, i) => {
      const note = run.notes[i + 1]?.trim();
      return note ? { action, note } : { action };
    });
    try {
      await this.backend.saveScenario({ name, process: subject.process.id, version: run.version, data: run.data, start: run.start, steps });
      void this.loadScenarios();
      this.report(`Saved the scenario "${name}" (${steps.length} steps)`);
      return null;
    } catch (error) {
      return toCommandError(error).message;
    }
  }
}

/** "Case c-12 of log 1: 9 activities, … leaves the design at activity 4 "Call vendor" (…)". */
export function caseBanner(id: string, log: number, replay: LogCaseReplay): string {
  const steps = replay.steps.length - 1;
  const head = `Case ${id} of log ${log}: ${replay.activities.length} activities, ${steps} ${steps === 1 ? "step" : "steps"} replayed`;
  const d = replay.departure;
  if (!d) return `${head}; it follows the design to an end.`;
  const at = d.activity ? `at activity ${d.activity_number} "${d.activity}"` : `after its last activity`;
  // The departure's message already names what the design offers instead.
  return `${head}; it leaves the design ${at}: ${d.message}.`;
}

/** "v3 follows the same path", "v3 differs first at step 3: recorded …; v3 …", or a recording that no longer replays. */
export function replayBanner(replay: ScenarioReplay): string {
  const parts: string[] = [];
  if (replay.divergence) {
    const d = replay.divergence;
    parts.push(`The recording stops at step ${d.step}: recorded ${d.recorded}; v${replay.scenario.version} ${d.found}.`);
  }
  const newest = replay.newest_version;
  if (newest !== null) {
    const d = replay.newest_divergence;
    parts.push(d ? `v${newest} differs first at step ${d.step}: recorded ${d.recorded}; v${newest} ${d.found}.` : `v${newest} follows the same path.`);
  }
  return parts.length > 0 ? parts.join(" ") : `Recorded on v${replay.scenario.version}, the newest version.`;
}
