/** Remembered across runs: a user who folded the process list away keeps it folded. */
const SIDEBAR_FOLDED_KEY = "flowlane.sidebarFolded";

/**
 * The side panels give the diagram its room: the process list folds away by its button, and the
 * properties panel is open only while something is selected, or while its button holds it open
 * (to edit the process's own properties).
 */
export class PanelFolding {
  private held = false;
  private selection = false;

  constructor(
    private readonly app: HTMLElement,
    private readonly sidebarToggle: HTMLButtonElement,
    private readonly properties: HTMLElement,
    private readonly propertiesToggle: HTMLButtonElement,
  ) {
    sidebarToggle.addEventListener("click", () => this.setSidebarFolded(!this.sidebarFolded));
    propertiesToggle.addEventListener("click", () => this.toggleProperties());
    this.setSidebarFolded(localStorage.getItem(SIDEBAR_FOLDED_KEY) === "true");
    this.update();
  }

  get sidebarFolded(): boolean {
    return this.app.classList.contains("sidebar-collapsed");
  }

  setSidebarFolded(folded: boolean): void {
    this.app.classList.toggle("sidebar-collapsed", folded);
    this.sidebarToggle.setAttribute("aria-pressed", String(!folded));
    this.sidebarToggle.title = folded ? "Show the process list" : "Hide the process list";
    localStorage.setItem(SIDEBAR_FOLDED_KEY, String(folded));
  }

  /** The selection changed: the properties open for a selection and close with it, unless held open. */
  selectionChanged(anything: boolean): void {
    this.selection = anything;
    this.update();
  }

  /** The Properties button: holds the panel open (the process's properties with nothing selected), or lets it close. */
  toggleProperties(): void {
    this.held = !this.isOpen;
    if (!this.held) this.selection = false;
    this.update();
  }

  get isOpen(): boolean {
    return !this.properties.hidden;
  }

  private update(): void {
    const open = this.held || this.selection;
    this.properties.hidden = !open;
    this.propertiesToggle.setAttribute("aria-pressed", String(open));
  }
}
