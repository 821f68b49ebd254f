import "./styles.css";
import { shellBackend, toCommandError, type Backend, type LibraryOverview } from "./backend";
import { Canvas } from "./canvas";
import type { ProcessSummary } from "./generated/ProcessSummary";
import { ErrorBanner } from "./panels/errorBanner";
import { ProcessHeader } from "./panels/processHeader";
import { ProcessList } from "./panels/processList";

function required<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el as T;
}

/** Wires the panels to the canvas and the backend; holds the only app state: which process is shown. */
class App {
  private readonly canvas: Canvas;
  private readonly list: ProcessList;
  private readonly header = new ProcessHeader(required("process-header"));
  private readonly banner = new ErrorBanner(required("error-banner"));
  private readonly emptyState = required("empty-state");
  private readonly zoomControls = required("zoom-controls");
  private readonly status = required("status-text");
  private readonly zoomLevel = required<HTMLOutputElement>("zoom-level");
  /** Only the newest load may update the screen; a slower earlier answer is dropped. */
  private loadTicket = 0;

  constructor(private readonly backend: Backend) {
    this.canvas = new Canvas({
      id: "diagram",
      onViewChange: (zoom) => (this.zoomLevel.value = `${Math.round(zoom * 100)}%`),
    });
    this.canvas.mount(required("canvas-host"));
    this.list = new ProcessList(required<HTMLUListElement>("process-list"), (summary) => void this.open(summary));
    required("zoom-in").addEventListener("click", () => this.canvas.zoomBy(1.25));
    required("zoom-out").addEventListener("click", () => this.canvas.zoomBy(0.8));
    required("zoom-fit").addEventListener("click", () => this.canvas.fit());
  }

  async start(): Promise<void> {
    this.status.textContent = "Opening library…";
    let overview: LibraryOverview;
    try {
      overview = await this.backend.libraryOverview();
    } catch (error) {
      this.status.textContent = "The library could not be opened";
      this.banner.show(toCommandError(error), "The library could not be opened");
      this.describeEmptyState("No library", "Flowlane could not open the library; see the message above.");
      return;
    }
    this.list.setProcesses(overview.processes);
    const path = required("library-path");
    // The path is cut at its start (CSS direction: rtl); the marks keep its slashes in place.
    path.textContent = `\u200e${overview.path}\u200e`;
    path.title = overview.path;
    const note = required("library-note");
    note.hidden = overview.processes.length > 0;
    note.textContent = overview.created ? "A new, empty library was created." : "This library has no processes yet.";
    if (overview.processes.length === 0) this.describeEmptyState("No processes yet", "This library is empty.");
    const count = overview.processes.length;
    this.status.textContent = `${count} ${count === 1 ? "process" : "processes"} in the library`;
  }

  private describeEmptyState(title: string, hint: string): void {
    this.emptyState.querySelector(".empty-title")!.textContent = title;
    this.emptyState.querySelector(".empty-hint")!.textContent = hint;
  }

  private async open(summary: ProcessSummary): Promise<void> {
    const ticket = ++this.loadTicket;
    this.list.markSelected(summary.id);
    this.status.textContent = `Loading ${summary.name}…`;
    try {
      const loaded = await this.backend.loadProcess(summary.id);
      if (ticket !== this.loadTicket) return;
      this.banner.hide();
      this.emptyState.hidden = true;
      this.zoomControls.hidden = false;
      this.header.show(loaded);
      this.canvas.show(loaded.process);
      const { process, version } = loaded;
      this.status.textContent = `${process.info.name} v${version.number} · ${process.lanes.length} workflows · ${process.nodes.length} steps · ${process.flows.length} flows`;
    } catch (error) {
      if (ticket !== this.loadTicket) return;
      this.banner.show(toCommandError(error), `${summary.name} could not be loaded`);
      this.status.textContent = `${summary.name} could not be loaded`;
    }
  }
}

async function chooseBackend(): Promise<Backend | null> {
  const shell = shellBackend();
  if (shell) return shell;
  // `npm run dev` in a plain browser gets the sample library; production builds drop this branch.
  if (import.meta.env.DEV) return (await import("./previewLibrary")).previewLibrary();
  return null;
}

async function main(): Promise<void> {
  const backend = await chooseBackend();
  if (!backend) {
    new ErrorBanner(required("error-banner")).show({
      code: "no_shell",
      message: "Flowlane's library can only be opened from the desktop app.",
    });
    return;
  }
  await new App(backend).start();
}

main().catch((error: unknown) => {
  // Last resort: never leave a blank window without saying why.
  const banner = document.getElementById("error-banner");
  if (banner) new ErrorBanner(banner).show(toCommandError(error), "Flowlane could not start");
});
