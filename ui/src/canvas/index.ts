import type { Process } from "../generated/Process";
import type { Point } from "./geometry";
import { SceneRenderer, type FrameStats } from "./render";
import { buildScene, type Scene } from "./scene";
import { colour } from "./theme";
import { fitTo, IDENTITY, openingView, panBy, zoomAround, type ScreenSize, type Viewport } from "./viewport";

export type { FrameStats } from "./render";

export interface CanvasOptions {
  /** Id of the `<canvas>` element this creates. */
  id?: string;
  /** Called after a frame in which the viewport changed. */
  onViewChange?: (zoom: number) => void;
}

/** WebKit's non-standard pinch event (not in the DOM typings). */
interface GestureEvent extends UIEvent {
  scale: number;
  clientX: number;
  clientY: number;
}

const KEY_ZOOM_STEP = 1.25;
const KEY_PAN_STEP = 60;
/** Zoom per unit of wheel delta: a mouse notch (≈100) is ~14 %, a pinch gesture sends small deltas. */
const WHEEL_ZOOM_RATE = 0.0015;
const PINCH_ZOOM_RATE = 0.01;

/**
 * The process diagram: owns one `<canvas>`, draws a process and handles pan and zoom.
 * It knows nothing of the panels around it; they talk to it through `show` and the zoom methods.
 *
 * After every frame the element carries data attributes describing what was drawn
 * (`data-process-id`, `data-process-name`, `data-lanes`, `data-nodes-total`,
 * `data-nodes-drawn`, `data-zoom`, `data-offset`); end-to-end tests wait on them.
 */
export class Canvas {
  readonly element: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly onViewChange: ((zoom: number) => void) | undefined;
  private scene: Scene | null = null;
  private renderer: SceneRenderer | null = null;
  private viewport: Viewport = IDENTITY;
  private size: ScreenSize = { width: 0, height: 0 };
  private pixelRatio = 1;
  /** A view to set once the canvas has a size: how a process opens, or an explicit fit. */
  private pendingView: "open" | "fit" | null = null;
  private frameRequest = 0;
  private lastReportedZoom = NaN;
  private drag: { pointer: number; last: Point } | null = null;
  private gestureScale = 1;
  private resizeObserver: ResizeObserver | null = null;
  private host: HTMLElement | null = null;
  private stopWatchingPixelRatio: () => void = () => {};

  constructor(options: CanvasOptions = {}) {
    this.element = document.createElement("canvas");
    this.element.id = options.id ?? "diagram";
    this.element.tabIndex = 0;
    this.element.setAttribute("role", "img");
    this.element.setAttribute("aria-label", "Process diagram. Drag to pan, wheel or + and - to zoom, 0 to fit.");
    const ctx = this.element.getContext("2d", { alpha: false });
    if (!ctx) throw new Error("This system cannot draw 2D canvas graphics");
    this.ctx = ctx;
    this.onViewChange = options.onViewChange;
  }

  get zoom(): number {
    return this.viewport.zoom;
  }

  mount(host: HTMLElement): void {
    this.host = host;
    host.append(this.element);
    const el = this.element;
    el.addEventListener("pointerdown", this.onPointerDown);
    el.addEventListener("pointermove", this.onPointerMove);
    el.addEventListener("pointerup", this.onPointerUp);
    el.addEventListener("pointercancel", this.onPointerUp);
    el.addEventListener("wheel", this.onWheel, { passive: false });
    // WebKit on macOS reports trackpad pinches as gesture events rather than ctrl+wheel.
    el.addEventListener("gesturestart", this.onGesture as EventListener);
    el.addEventListener("gesturechange", this.onGesture as EventListener);
    el.addEventListener("keydown", this.onKeyDown);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(host);
    this.watchPixelRatio();
    this.resize();
  }

  unmount(): void {
    this.resizeObserver?.disconnect();
    this.stopWatchingPixelRatio();
    cancelAnimationFrame(this.frameRequest);
    this.element.remove();
    this.host = null;
  }

  /** Draws `process`; a process other than the one shown gets its opening view. */
  show(process: Process): void {
    const isNewProcess = this.scene?.processId !== process.id;
    this.scene = buildScene(process);
    this.renderer = new SceneRenderer(this.ctx, this.scene);
    if (isNewProcess) this.pendingView = "open";
    this.applyPendingView();
    this.requestDraw();
  }

  clear(): void {
    this.scene = null;
    this.renderer = null;
    this.requestDraw();
  }

  fit(): void {
    this.pendingView = "fit";
    this.applyPendingView();
    this.requestDraw();
  }

  zoomBy(factor: number, anchor: Point = { x: this.size.width / 2, y: this.size.height / 2 }): void {
    this.viewport = zoomAround(this.viewport, anchor, factor);
    this.requestDraw();
  }

  /** Coalesces any number of changes into one frame. */
  requestDraw(): void {
    if (this.frameRequest) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      this.draw();
    });
  }

  private draw(): void {
    if (this.size.width === 0 || this.size.height === 0) return;
    let stats: FrameStats = { nodesDrawn: 0, flowsDrawn: 0 };
    if (this.renderer) {
      stats = this.renderer.draw(this.viewport, this.size, this.pixelRatio);
    } else {
      this.ctx.setTransform(1, 0, 0, 1, 0, 0);
      this.ctx.fillStyle = colour.canvas;
      this.ctx.fillRect(0, 0, this.element.width, this.element.height);
    }
    this.describeFrame(stats);
    if (this.viewport.zoom !== this.lastReportedZoom) {
      this.lastReportedZoom = this.viewport.zoom;
      this.onViewChange?.(this.viewport.zoom);
    }
  }

  private describeFrame(stats: FrameStats): void {
    const data = this.element.dataset;
    const scene = this.scene;
    if (!scene) {
      for (const key of ["processId", "processName", "lanes", "nodesTotal"]) delete data[key];
    } else {
      data.processId = scene.processId;
      data.processName = scene.processName;
      data.lanes = scene.lanes.map((lane) => lane.name).join("|");
      data.nodesTotal = String(scene.nodes.length);
    }
    data.nodesDrawn = String(stats.nodesDrawn);
    data.zoom = this.viewport.zoom.toFixed(3);
    data.offset = `${Math.round(this.viewport.offsetX)},${Math.round(this.viewport.offsetY)}`;
  }

  private applyPendingView(): void {
    if (!this.pendingView || !this.scene || this.size.width === 0 || this.size.height === 0) return;
    // Top-aligned like a page: a wide process reads from the top, not from the middle of a grey field.
    this.viewport =
      this.pendingView === "open"
        ? openingView(this.scene.bounds, this.size)
        : fitTo(this.scene.bounds, this.size, { vertical: "top" });
    this.pendingView = null;
  }

  private resize(): void {
    if (!this.host) return;
    const width = this.host.clientWidth;
    const height = this.host.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (width === this.size.width && height === this.size.height && ratio === this.pixelRatio) return;
    // Keep the world point at the centre of the view where it is.
    this.viewport = panBy(this.viewport, (width - this.size.width) / 2, (height - this.size.height) / 2);
    this.size = { width, height };
    this.pixelRatio = ratio;
    this.element.style.width = `${width}px`;
    this.element.style.height = `${height}px`;
    this.element.width = Math.max(1, Math.round(width * ratio));
    this.element.height = Math.max(1, Math.round(height * ratio));
    this.applyPendingView();
    // Resizing wiped the backing store: paint now rather than show a blank frame.
    cancelAnimationFrame(this.frameRequest);
    this.frameRequest = 0;
    this.draw();
  }

  /** The ratio changes when the window moves to another monitor or the user zooms the page. */
  private watchPixelRatio(): void {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    const onChange = () => {
      this.stopWatchingPixelRatio();
      this.resize();
      this.watchPixelRatio();
    };
    query.addEventListener("change", onChange, { once: true });
    this.stopWatchingPixelRatio = () => query.removeEventListener("change", onChange);
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 && event.button !== 1) return;
    this.element.focus({ preventScroll: true });
    this.element.setPointerCapture(event.pointerId);
    this.drag = { pointer: event.pointerId, last: { x: event.clientX, y: event.clientY } };
    this.element.classList.add("panning");
    event.preventDefault();
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    const dx = event.clientX - this.drag.last.x;
    const dy = event.clientY - this.drag.last.y;
    this.drag.last = { x: event.clientX, y: event.clientY };
    this.viewport = panBy(this.viewport, dx, dy);
    this.requestDraw();
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    this.drag = null;
    this.element.classList.remove("panning");
    if (this.element.hasPointerCapture(event.pointerId)) this.element.releasePointerCapture(event.pointerId);
  };

  private readonly onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? this.size.height : 1;
    // Trackpad pinch arrives as a wheel event with ctrlKey set.
    const rate = event.ctrlKey ? PINCH_ZOOM_RATE : WHEEL_ZOOM_RATE;
    const bounds = this.element.getBoundingClientRect();
    const anchor = { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
    this.zoomBy(Math.exp(-event.deltaY * unit * rate), anchor);
  };

  private readonly onGesture = (event: GestureEvent): void => {
    event.preventDefault();
    if (event.type === "gesturestart") {
      this.gestureScale = 1;
      return;
    }
    const bounds = this.element.getBoundingClientRect();
    this.zoomBy(event.scale / this.gestureScale, { x: event.clientX - bounds.left, y: event.clientY - bounds.top });
    this.gestureScale = event.scale;
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.metaKey || (event.ctrlKey && event.key !== "0")) return;
    const pan = event.shiftKey ? KEY_PAN_STEP * 4 : KEY_PAN_STEP;
    switch (event.key) {
      case "+":
      case "=":
        this.zoomBy(KEY_ZOOM_STEP);
        break;
      case "-":
      case "_":
        this.zoomBy(1 / KEY_ZOOM_STEP);
        break;
      case "0":
        this.fit();
        break;
      case "ArrowLeft":
        this.panBy(pan, 0);
        break;
      case "ArrowRight":
        this.panBy(-pan, 0);
        break;
      case "ArrowUp":
        this.panBy(0, pan);
        break;
      case "ArrowDown":
        this.panBy(0, -pan);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  private panBy(dx: number, dy: number): void {
    this.viewport = panBy(this.viewport, dx, dy);
    this.requestDraw();
  }
}
