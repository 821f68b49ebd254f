/** One kept state on the timeline. */
export interface TimelineEntry {
  label: string;
  time: string;
  note: string;
}

/**
 * The steps of the run (`#sim-timeline [data-step]`): click one to show it again. While
 * recording, the shown step takes a note; notes are read-only when replaying a scenario.
 */
export class Timeline {
  constructor(
    readonly element: HTMLElement,
    private readonly jump: (step: number) => void,
    private readonly noteChanged: (step: number, note: string) => void,
  ) {
    element.id = "sim-timeline";
    element.className = "sim-timeline";
    element.setAttribute("role", "list");
  }

  show(entries: readonly TimelineEntry[], current: number, editable: boolean): void {
    this.element.dataset.step = String(current);
    this.element.replaceChildren(
      ...entries.map((entry, step) => {
        const item = document.createElement("div");
        item.setAttribute("role", "listitem");
        item.className = "sim-step";
        item.dataset.step = String(step);
        if (step === current) item.setAttribute("aria-current", "step");
        if (step > current) item.classList.add("sim-step-later");
        const go = document.createElement("button");
        go.type = "button";
        go.className = "sim-step-go";
        go.innerHTML = `<span class="sim-step-number"></span><span class="sim-step-label"></span><span class="sim-step-time"></span>`;
        go.querySelector(".sim-step-number")!.textContent = String(step);
        go.querySelector(".sim-step-label")!.textContent = entry.label;
        go.querySelector(".sim-step-time")!.textContent = entry.time;
        go.addEventListener("click", () => this.jump(step));
        item.append(go);
        // Only the shown step takes a note, so the list stays one line per step.
        if (step > 0 && editable && step === current) {
          const note = document.createElement("input");
          note.className = "sim-step-note-input";
          note.placeholder = "Note for this step";
          note.setAttribute("aria-label", `Note for step ${step}`);
          note.value = entry.note;
          note.addEventListener("input", () => this.noteChanged(step, note.value));
          item.append(note);
        } else if (entry.note) {
          item.append(Object.assign(document.createElement("p"), { className: "sim-step-note", textContent: entry.note }));
        }
        return item;
      }),
    );
    this.element.querySelector('[aria-current="step"]')?.scrollIntoView({ block: "nearest" });
  }
}
