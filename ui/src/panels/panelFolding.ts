/** Remembered across runs: a user who folded the process list away keeps it folded. */
const SIDEBAR_FOLDED_KEY = "flowlane.sidebarFolded";

/**
 * The side panels give the diagram its room: the process list folds away by its button, and the
 * properties panel starts closed when a process opens, opens with the first selection and then
 * stays (a click on empty canvas shows the process's own properties) until its button closes it.
 */
export class PanelFolding {
  constructor(
    private readonly app: HTMLElement,
    private readonly sidebarToggle: HTMLButtonElement,
    private readonly properties: HTMLElement,
    private readonly propertiesToggle: HTMLButtonElement,
  ) {
    sidebarToggle.addEventListener("click", () => this.setSidebarFolded(!this.sidebarFolded));
    propertiesToggle.addEventListener("click", () => this.setPropertiesOpen(!this.isOpen));
    this.setSidebarFolded(localStorage.getItem(SIDEBAR_FOLDED_KEY) === "true");
    this.setPropertiesOpen(false);
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

  /** The selection changed: something selected opens the properties; nothing selected leaves them as they are. */
  selectionChanged(anything: boolean): void {
    if (anything) this.setPropertiesOpen(true);
  }

  /** Another process is shown: it opens with the whole width for its diagram. */
  processOpened(): void {
    this.setPropertiesOpen(false);
  }

  get isOpen(): boolean {
    return !this.properties.hidden;
  }

  setPropertiesOpen(open: boolean): void {
    this.properties.hidden = !open;
    this.propertiesToggle.setAttribute("aria-pressed", String(open));
  }
}
