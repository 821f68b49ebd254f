/**
 * "Save as scenario": a name for the run; the notes come from the timeline. `save` answers null
 * when saved, else why not (e.g. the name is taken).
 */
export class ScenarioBar {
  private readonly name = document.createElement("input");
  private readonly message = document.createElement("p");

  constructor(
    readonly element: HTMLFormElement,
    save: (name: string) => Promise<string | null>,
  ) {
    element.id = "sim-save";
    element.className = "sim-save";
    const title = document.createElement("h3");
    title.className = "panel-title";
    title.textContent = "Save as scenario";
    this.name.id = "scenario-name";
    this.name.placeholder = "Scenario name";
    this.name.required = true;
    this.name.setAttribute("aria-label", "Scenario name");
    const button = document.createElement("button");
    button.type = "submit";
    button.className = "panel-button";
    button.textContent = "Save";
    this.message.className = "sim-save-message";
    this.message.setAttribute("role", "status");
    const row = document.createElement("div");
    row.className = "sim-save-row";
    row.append(this.name, button);
    element.append(title, row, this.message);
    element.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = this.name.value.trim();
      if (!name) return;
      const refused = await save(name);
      this.message.textContent = refused ?? `Saved "${name}"`;
      this.message.dataset.level = refused ? "error" : "ok";
      if (!refused) this.name.value = "";
    });
  }

  show(visible: boolean): void {
    this.element.hidden = !visible;
    this.message.textContent = "";
  }
}
