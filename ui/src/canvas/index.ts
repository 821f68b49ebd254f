import type { Process } from "../generated/Process";
import { mergeLayers, type Decorations, type ElementDecoration } from "./decorations";
import { contains, union, type Point, type Rect } from "./geometry";
import { placeGhosts, type Ghosts } from "./ghosts";
import { borderHit, hitTest } from "./hitTest";
import { SceneRenderer, type FrameStats } from "./render";
import { LANE_HEADER_WIDTH, type Scene } from "./scene";
import { prepareAfterFrame, sceneAfter } from "./sceneUpdate";
import { describeFrame } from "./frameReport";
import { listenForWheelZoom } from "./wheelZoom";
import { colour } from "./theme";
import { DrawSchedule } from "./drawSchedule";
import { centredOn, fitTo, framed, IDENTITY, inView, openingView, panBy, revealed, screenToWorld, visibleWorld, worldToScreen, zoomAround, type ScreenSize, type Viewport } from "./viewport";

import type { CanvasInteraction, Gesture } from "./interaction";

export type { FrameStats } from "./render";
export type { CanvasInteraction, Gesture } from "./interaction";
export type { Decorations, ElementDecoration, GhostSource, Highlight, Marker } from "./decorations";

export interface CanvasOptions {
  /** Id of the `<canvas>` element this creates. */
  id?: string;
  /** Called after a frame in which the viewport changed. */
  onViewChange?: (zoom: number) => void;
  /** Called when a click selects an element (its id) or empty canvas (null). */
  onSelect?: (id: string | null) => void;
}

/** Which saved version a drawing is of; the canvas only reports it (it never edits anything yet). */
export interface ShownVersion {
  number: number;
  /** True for an older version opened from the history. */
  readOnly: boolean;
}

const KEY_ZOOM_STEP = 1.25;
const KEY_PAN_STEP = 60;
/** A press that moves less than this (screen pixels) before release is a click, not a pan. */
const CLICK_SLOP = 4;

/**
 * The process diagram: owns one `<canvas>`, draws a process and handles pan and zoom.
 * It knows nothing of the panels around it; they talk to it through `show`, the zoom methods,
 * decoration layers (`setDecorations`), `select` and `centreOn`, and hear back from `onSelect`.
 *
 * After every frame the element carries data attributes describing what was drawn
 * (`data-process-id`, `data-process-name`, `data-version`, `data-read-only`, `data-lanes`,
 * `data-nodes-total`, `data-flows-total`, `data-nodes-drawn`, `data-zoom`, `data-offset`, `data-selected`,
 * `data-selection-box` (client x,y,w,h of the last selected element),
 * `data-decorated`, `data-highlighted` (`id=added` … per drawn highlight)); end-to-end tests
 * wait on them.
 */
export class Canvas {
  readonly element: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly onViewChange: ((zoom: number) => void) | undefined;
  private readonly onSelect: ((id: string | null) => void) | undefined;
  private readonly layers = new Map<string, Decorations>();
  private decorations = new Map<string, ElementDecoration>();
  private ghosts: Ghosts | null = null;
  private selected: readonly string[] = [];
  private interaction: CanvasInteraction | null = null;
  private gesture: { pointer: number; gesture: Gesture } | null = null;
  /** The decorated elements that are drawn (their decorations by id). */
  private decorated: Array<[string, ElementDecoration]> = [];
  /**
   * What the view is for ("view", "compare", "simulate"). Written to `data-mode` with the frame
   * that draws it, so a test that sees the mode also sees that mode's decorations.
   */
  private mode = "view";
  private scene: Scene | null = null;
  private shownVersion: ShownVersion | null = null;
  /** The process last given to `show`, before `view` picks what of it is drawn. */
  private shownProcess: Process | null = null;
  private view: ((process: Process) => Process) | null = null;
  private renderer: SceneRenderer | null = null;
  private viewport: Viewport = IDENTITY;
  private size: ScreenSize = { width: 0, height: 0 };
  private pixelRatio = 1;
  /** A view to set once the canvas has a size: how a process opens, or an explicit fit. */
  private pendingView: "open" | "fit" | null = null;
  /**
   * The last view the app asked for (the opening view, a fit, an element centred), while the
   * user has not panned or zoomed since: a resize (a side panel opening or folding) asks again.
   */
  private heldView: (() => void) | null = null;
  /** Where the pointer last was over the canvas (screen pixels), the focus of keyboard zoom. */
  private pointer: Point | null = null;
  private readonly frameListeners: Array<() => void> = [];
  /** A `centreOn` or `frame` asked for while the canvas had no size (hidden); done on the next resize. */
  private pendingFocus: (() => void) | null = null;
  private readonly schedule = new DrawSchedule(() => this.draw());
  private lastReportedZoom = NaN;
  /** How many scenes have been built (each `show`) and how long the last frame took to paint. */
  private scenes = 0;
  private drawMs = 0;
  private drag: { pointer: number; button: number; last: Point; start: Point } | null = null;
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
    this.onSelect = options.onSelect;
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
    el.addEventListener("pointerleave", () => {
      this.pointer = null;
      if (this.interaction?.hover?.(null)) this.requestDraw();
    });
    listenForWheelZoom(el, () => this.size.height, (factor, anchor) => this.zoomBy(factor, anchor));
    el.addEventListener("keydown", this.onKeyDown);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(host);
    this.watchPixelRatio();
    this.resize();
  }

  unmount(): void {
    this.resizeObserver?.disconnect();
    this.stopWatchingPixelRatio();
    this.schedule.cancel();
    this.element.remove();
    this.host = null;
  }

  /**
   * Draws `process`; a process other than the one shown gets its opening view, another version
   * of the same process keeps the view, so the two can be compared in place. `edited` names
   * what one edit changed since the drawing shown, so the rest of the layout is reused.
   */
  show(process: Process, version: ShownVersion | null = null, edited?: { nodes: ReadonlySet<string>; flows: ReadonlySet<string> }): void {
    const isNewProcess = this.scene?.processId !== process.id;
    this.shownVersion = version;
    this.shownProcess = process;
    this.scene = sceneAfter(this.scene, this.view ? this.view(process) : process, edited);
    this.scenes += 1;
    if (this.renderer) this.renderer.setScene(this.scene);
    else this.renderer = new SceneRenderer(this.ctx, this.scene);
    this.mergeDecorations();
    this.selected = this.selected.filter((id) => this.renderer?.find(id, this.ghosts));
    if (isNewProcess) this.pendingView = "open";
    // After an edit the view stays where it is; a later resize must not jump back to a fit.
    else if (edited) this.heldView = null;
    this.applyPendingView();
    this.requestDraw();
  }

  /**
   * Draws only part of each process shown from now on (e.g. one sub-process's own plane), or
   * all of it again with null; the shown process is redrawn that way at once, fitted.
   */
  setView(view: ((process: Process) => Process) | null): void {
    this.view = view;
    if (!this.shownProcess) return;
    this.scene = null;
    this.show(this.shownProcess, this.shownVersion);
  }

  /** Names what the view is for; shown as `data-mode` from the next frame on. */
  setMode(mode: string): void {
    this.mode = mode;
    this.requestDraw();
  }

  clear(): void {
    this.scene = null;
    this.shownProcess = null;
    this.shownVersion = null;
    this.renderer = null;
    this.ghosts = null;
    this.selected = [];
    this.decorated = [];
    this.pendingFocus = null;
    this.requestDraw();
  }

  /**
   * Sets (or with null removes) one named layer of decorations. Layers are merged in the order
   * they were first set, later fields winning; they outlive `show`, so the caller clears them.
   */
  setDecorations(layer: string, decorations: Decorations | null): void {
    if (decorations) this.layers.set(layer, decorations);
    else this.layers.delete(layer);
    this.mergeDecorations();
    this.requestDraw();
  }

  /** Marks one element (a node, flow or lane, or a ghost) as selected, or none. */
  select(id: string | null): void {
    this.selectMany(id === null ? [] : [id]);
  }

  /** Marks several elements as selected; ids not drawn are dropped. */
  selectMany(ids: readonly string[]): void {
    this.selected = ids.filter((id) => this.renderer?.find(id, this.ghosts));
    this.requestDraw();
  }

  get selection(): readonly string[] {
    return this.selected;
  }

  /** The geometry drawn now, for editors to hit-test and place things against. */
  get currentScene(): Scene | null {
    return this.scene;
  }

  /** Lets an editor handle presses and paint over the diagram; null returns to view only. */
  setInteraction(interaction: CanvasInteraction | null): void {
    this.gesture?.gesture.end(this.drag?.last ?? { x: 0, y: 0 }, null, true);
    this.gesture = null;
    this.interaction = interaction;
    this.requestDraw();
  }

  /** World point under a client (window) position. */
  worldAt(clientX: number, clientY: number): Point {
    const bounds = this.element.getBoundingClientRect();
    return screenToWorld(this.viewport, { x: clientX - bounds.left, y: clientY - bounds.top });
  }

  /** Client (window) position of a world point. */
  clientAt(world: Point): Point {
    const bounds = this.element.getBoundingClientRect();
    return { x: bounds.left + world.x * this.viewport.zoom + this.viewport.offsetX, y: bounds.top + world.y * this.viewport.zoom + this.viewport.offsetY };
  }

  /** The element under a world point, as a click would find it. */
  hitAt(world: Point): string | null {
    if (!this.scene) return null;
    return hitTest(this.scene, this.ghosts, world, this.viewport.zoom, visibleWorld(this.viewport, this.size).x);
  }

  /** The activity whose border runs under a world point and the nearest point of that border: where a boundary event would attach. */
  borderAt(world: Point): { host: string; at: Point } | null {
    return this.scene ? borderHit(this.scene, world, this.viewport.zoom) : null;
  }

  /**
   * Pans (and zooms in if too far out to read) so the element is in the middle: a node's shape,
   * a flow's extent, a lane's band; false if it is not drawn.
   */
  centreOn(id: string): boolean {
    const target = this.renderer?.find(id, this.ghosts);
    if (!target) return false;
    if (this.deferWhileHidden(() => this.centreOn(id))) return true;
    // A lane is centred vertically only: its header sticks to the left edge anyway.
    const visible = visibleWorld(this.viewport, this.size);
    const box =
      "header" in target
        ? { x: visible.x + visible.w / 2, y: target.rect.y, w: 0, h: target.rect.h }
        : "outline" in target
          ? target.rect
          : target.bbox;
    this.viewport = centredOn(this.viewport, box, this.size);
    this.heldView = () => this.centreOn(id);
    this.requestDraw();
    return true;
  }

  /** Pans just enough to bring the element wholly into view (a step appended off-screen); `keep`: zooms out rather than lose the steps in view. */
  reveal(id: string, keep = false): void {
    const box = this.shapeBox(id);
    if (!box) return;
    const visible = visibleWorld(this.viewport, this.size);
    const kept = keep && this.scene ? inView(this.scene.nodes.filter((n) => n.id !== id).map((n) => n.bbox), visible) : null;
    if (!contains(visible, box)) this.viewport = revealed(this.viewport, box, this.size, kept);
    // Asked for by the app like a centring: a side panel opening next keeps it in view.
    this.heldView = () => this.reveal(id, keep);
    this.requestDraw();
  }

  /** Where a drawn node, flow or artifact lies in the world; null for a lane or what is not drawn. */
  private shapeBox(id: string): Rect | null {
    const target = this.renderer?.find(id, this.ghosts);
    if (!target || "header" in target) return null;
    return "outline" in target ? target.rect : target.bbox;
  }

  /**
   * Shows the given elements (nodes and flows; lanes only when there is nothing else) as large
   * as fits, e.g. everything that changed; ids that are not drawn are skipped.
   */
  frame(ids: readonly string[]): void {
    const found = ids.map((id) => this.renderer?.find(id, this.ghosts)).filter((t) => t !== undefined);
    const shapes = found.filter((t) => !("header" in t));
    const boxes = (shapes.length > 0 ? shapes : found).map((t) => ("header" in t ? t.rect : t.bbox));
    if (boxes.length === 0 || this.deferWhileHidden(() => this.frame(ids))) return;
    // Room on the left for the lane headers, which stick to the edge.
    const content = boxes.reduce(union);
    const left = Math.max(this.scene?.bounds.x ?? 0, content.x - LANE_HEADER_WIDTH);
    this.viewport = framed(union(content, { x: left, y: content.y, w: 1, h: 1 }), this.size);
    this.pendingView = null;
    this.heldView = () => this.frame(ids);
    this.requestDraw();
  }

  /** True (and `action` kept for the next resize) while the canvas is hidden and has no size. */
  private deferWhileHidden(action: () => void): boolean {
    if (this.size.width > 0 && this.size.height > 0) return false;
    this.pendingFocus = action;
    return true;
  }

  private mergeDecorations(): void {
    const merged = mergeLayers(this.layers.values());
    this.decorations = merged.byId;
    this.ghosts = merged.ghosts && this.scene ? placeGhosts(this.scene, merged.ghosts) : null;
    const renderer = this.renderer;
    this.decorated = renderer ? [...this.decorations].filter(([id]) => renderer.find(id, this.ghosts)) : [];
  }

  /** The scene plus any ghosts drawn outside it (removed lanes go below). */
  private contentBounds(): Rect | null {
    if (!this.scene) return null;
    return this.ghosts?.bounds ? union(this.scene.bounds, this.ghosts.bounds) : this.scene.bounds;
  }

  fit(): void {
    this.pendingView = "fit";
    this.applyPendingView();
    this.requestDraw();
  }

  zoomBy(factor: number, anchor: Point = { x: this.size.width / 2, y: this.size.height / 2 }): void {
    this.viewport = zoomAround(this.viewport, anchor, factor);
    this.heldView = null;
    this.requestDraw();
  }

  get currentView(): Viewport {
    return this.viewport;
  }

  get screenSize(): ScreenSize {
    return this.size;
  }

  /** Everything drawn (the scene and any ghosts), in world units. */
  get drawnBounds(): Rect | null {
    return this.contentBounds();
  }

  /** Pans so world point `centre` is in the middle of the screen, at the same zoom. */
  panTo(centre: Point): void {
    const { zoom } = this.viewport;
    this.viewport = { zoom, offsetX: this.size.width / 2 - centre.x * zoom, offsetY: this.size.height / 2 - centre.y * zoom };
    this.heldView = null;
    this.requestDraw();
  }

  /** Called after every frame (e.g. a minimap following the view). */
  onFrame(listener: () => void): void {
    this.frameListeners.push(listener);
  }

  /** Coalesces any number of changes into one draw (see `DrawSchedule`). */
  requestDraw(): void {
    this.schedule.request();
  }

  private draw(): void {
    if (this.size.width === 0 || this.size.height === 0) return;
    let stats: FrameStats = { nodesDrawn: 0, flowsDrawn: 0 };
    const started = performance.now();
    const waitMs = this.schedule.started(started);
    if (this.renderer) {
      stats = this.renderer.draw(this.viewport, this.size, this.pixelRatio, {
        decorations: this.decorations,
        ghosts: this.ghosts,
        selected: this.selected,
      });
      if (this.interaction?.paint) {
        const scale = this.pixelRatio * this.viewport.zoom;
        this.ctx.setTransform(scale, 0, 0, scale, this.pixelRatio * this.viewport.offsetX, this.pixelRatio * this.viewport.offsetY);
        this.interaction.paint(this.ctx, this.viewport.zoom);
      }
    } else {
      this.ctx.setTransform(1, 0, 0, 1, 0, 0);
      this.ctx.fillStyle = colour.canvas;
      this.ctx.fillRect(0, 0, this.element.width, this.element.height);
    }
    this.drawMs = performance.now() - started;
    const selectedShape = this.selected.length > 0 ? this.renderer?.find(this.selected[this.selected.length - 1]!, this.ghosts) : undefined;
    describeFrame(this.element, {
      scene: this.scene,
      version: this.shownVersion,
      selected: this.selected,
      selectedShape,
      viewport: this.viewport,
      mode: this.mode,
      scenes: this.scenes,
      drawMs: this.drawMs,
      waitMs,
      decorated: this.decorated,
      stats,
    });
    this.interaction?.framed?.();
    for (const listener of this.frameListeners) listener();
    if (this.scene) prepareAfterFrame(this.scene);
    if (this.viewport.zoom !== this.lastReportedZoom) {
      this.lastReportedZoom = this.viewport.zoom;
      this.onViewChange?.(this.viewport.zoom);
    }
  }

  private applyPendingView(): void {
    const bounds = this.contentBounds();
    if (!this.pendingView || !bounds || this.size.width === 0 || this.size.height === 0) return;
    // Top-aligned like a page: a wide process reads from the top, not from the middle of a grey field.
    this.viewport = this.pendingView === "open" ? openingView(bounds, this.size) : fitTo(bounds, this.size, { vertical: "top" });
    const held = this.pendingView;
    this.heldView = () => {
      this.pendingView = held;
      this.applyPendingView();
    };
    this.pendingView = null;
  }

  private resize(): void {
    if (!this.host) return;
    const width = this.host.clientWidth;
    const height = this.host.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (width === this.size.width && height === this.size.height && ratio === this.pixelRatio) return;
    // The top-left world point stays put: side panels open and close on the right, and a
    // diagram reads from its top-left, so keeping the centre would shove the lane headers away.
    this.size = { width, height };
    this.pixelRatio = ratio;
    this.element.style.width = `${width}px`;
    this.element.style.height = `${height}px`;
    this.element.width = Math.max(1, Math.round(width * ratio));
    this.element.height = Math.max(1, Math.round(height * ratio));
    if (this.heldView && !this.pendingView) this.heldView();
    this.applyPendingView();
    if (this.pendingFocus && width > 0 && height > 0) {
      const focus = this.pendingFocus;
      this.pendingFocus = null;
      focus();
    }
    // Resizing wiped the backing store: paint now rather than show a blank frame.
    this.schedule.cancel();
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
    const at = { x: event.clientX, y: event.clientY };
    if (this.interaction && event.button === 0) {
      const world = this.worldAt(event.clientX, event.clientY);
      const gesture = this.interaction.press(world, this.hitAt(world), event);
      if (gesture) {
        this.gesture = { pointer: event.pointerId, gesture };
        event.preventDefault();
        return;
      }
    }
    this.drag = { pointer: event.pointerId, button: event.button, last: at, start: at };
    this.element.classList.add("panning");
    event.preventDefault();
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (this.gesture && event.pointerId === this.gesture.pointer) {
      this.gesture.gesture.move(this.worldAt(event.clientX, event.clientY), event);
      this.requestDraw();
      return;
    }
    if (!this.drag || event.pointerId !== this.drag.pointer) {
      const bounds = this.element.getBoundingClientRect();
      this.pointer = { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
      if (this.interaction?.hover?.(this.worldAt(event.clientX, event.clientY))) this.requestDraw();
      return;
    }
    const dx = event.clientX - this.drag.last.x;
    const dy = event.clientY - this.drag.last.y;
    this.drag.last = { x: event.clientX, y: event.clientY };
    this.viewport = panBy(this.viewport, dx, dy);
    this.heldView = null;
    this.requestDraw();
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (this.gesture && event.pointerId === this.gesture.pointer) {
      const { gesture } = this.gesture;
      this.gesture = null;
      if (this.element.hasPointerCapture(event.pointerId)) this.element.releasePointerCapture(event.pointerId);
      gesture.end(this.worldAt(event.clientX, event.clientY), event, event.type !== "pointerup");
      this.requestDraw();
      return;
    }
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    const { start, button } = this.drag;
    this.drag = null;
    this.element.classList.remove("panning");
    if (this.element.hasPointerCapture(event.pointerId)) this.element.releasePointerCapture(event.pointerId);
    const moved = Math.hypot(event.clientX - start.x, event.clientY - start.y);
    if (event.type === "pointerup" && button === 0 && moved < CLICK_SLOP) this.clickAt(event);
  };

  /** Selects what is under the pointer (hit-tested in the scene's grids) and reports it. */
  private clickAt(event: PointerEvent): void {
    if (!this.scene) return;
    const bounds = this.element.getBoundingClientRect();
    const world = screenToWorld(this.viewport, { x: event.clientX - bounds.left, y: event.clientY - bounds.top });
    const id = hitTest(this.scene, this.ghosts, world, this.viewport.zoom, visibleWorld(this.viewport, this.size).x);
    this.selected = id === null ? [] : [id];
    this.requestDraw();
    this.onSelect?.(id);
  }

  /** Escape ends a drag in progress. The view keys (zoom, fit, pan) are rows of the app's keymap. */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== "Escape" || !this.gesture) return;
    const { gesture } = this.gesture;
    this.gesture = null;
    gesture.end(this.drag?.last ?? { x: 0, y: 0 }, null, true);
    this.requestDraw();
    event.preventDefault();
  };

  private panBy(dx: number, dy: number): void {
    this.viewport = panBy(this.viewport, dx, dy);
    this.heldView = null;
    this.requestDraw();
  }

  /**
   * The keyboard's zoom: one step in (+1) or out (-1) around the focus, so what is looked at
   * stays put: the selection when it is in view, else the pointer, else the centre.
   */
  zoomStep(direction: 1 | -1): void {
    this.zoomBy(direction > 0 ? KEY_ZOOM_STEP : 1 / KEY_ZOOM_STEP, this.focusPoint());
  }

  /** The screen point keyboard zoom keeps in place. */
  focusPoint(): Point {
    const last = this.selected.at(-1);
    const box = last === undefined ? null : this.shapeBox(last);
    if (box && contains(visibleWorld(this.viewport, this.size), box)) return worldToScreen(this.viewport, { x: box.x + box.w / 2, y: box.y + box.h / 2 });
    return this.pointer ?? { x: this.size.width / 2, y: this.size.height / 2 };
  }

  /** The keyboard's pan: the diagram moves one step (four when `fast`) the way the arrow points. */
  panStep(direction: "left" | "right" | "up" | "down", fast: boolean): void {
    const step = fast ? KEY_PAN_STEP * 4 : KEY_PAN_STEP;
    const [dx, dy] = { left: [step, 0], right: [-step, 0], up: [0, step], down: [0, -step] }[direction];
    this.panBy(dx!, dy!);
  }
}
