import type { Canvas } from "./index";
import type { Scene } from "./scene";
import { intersects, type Point, type Rect } from "./geometry";
import { visibleWorld } from "./viewport";

const WIDTH = 200;
const HEIGHT = 130;
const PAD = 6;
/** Room between the map and the canvas's edges (as `.minimap` in editor.css). */
const MARGIN = 12;

/** The scale and offset mapping world units into the minimap. */
interface Fit {
  scale: number;
  x: number;
  y: number;
}

/** The minimap's world-to-map fit for `content`, centred in a map of the given size. */
export function minimapFit(content: Rect, width = WIDTH, height = HEIGHT): Fit {
  const scale = Math.min((width - 2 * PAD) / Math.max(content.w, 1), (height - 2 * PAD) / Math.max(content.h, 1));
  return { scale, x: (width - content.w * scale) / 2 - content.x * scale, y: (height - content.h * scale) / 2 - content.y * scale };
}

/** True when the view does not show all of `content`: only then is a minimap worth its room. */
export function needsMinimap(content: Rect, visible: Rect): boolean {
  const slack = 2;
  return content.x < visible.x - slack || content.y < visible.y - slack || content.x + content.w > visible.x + visible.w + slack || content.y + content.h > visible.y + visible.h + slack;
}

/**
 * An overview of a process too large for the view, in the canvas's bottom-right corner: the
 * lanes and steps in miniature and a frame for what the view shows; a click or a drag in it
 * moves the view there.
 */
export class Minimap {
  readonly element: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private fit: Fit | null = null;
  private readonly backdrop = { key: "", image: document.createElement("canvas") };

  constructor(
    host: HTMLElement,
    private readonly canvas: Canvas,
  ) {
    this.element = document.createElement("canvas");
    this.element.className = "minimap";
    this.element.setAttribute("role", "img");
    this.element.setAttribute("aria-label", "Overview of the whole process; click to move the view there");
    const ratio = window.devicePixelRatio || 1;
    this.element.width = WIDTH * ratio;
    this.element.height = HEIGHT * ratio;
    this.element.style.width = `${WIDTH}px`;
    this.element.style.height = `${HEIGHT}px`;
    this.element.hidden = true;
    this.ctx = this.element.getContext("2d");
    this.ctx?.scale(ratio, ratio);
    host.append(this.element);
    this.element.addEventListener("pointerdown", (down) => {
      if (down.button !== 0) return;
      this.element.setPointerCapture(down.pointerId);
      this.moveViewTo(down);
      const move = (e: PointerEvent) => this.moveViewTo(e);
      const up = () => {
        this.element.removeEventListener("pointermove", move);
        this.element.removeEventListener("pointerup", up);
      };
      this.element.addEventListener("pointermove", move);
      this.element.addEventListener("pointerup", up);
      down.preventDefault();
    });
    canvas.onFrame(() => this.draw());
  }

  /**
   * The lanes and steps in miniature, drawn again only when the scene or its extent changed:
   * thousands of steps are too many to draw again on every frame of a pan.
   */
  private backdropOf(scene: Scene, content: Rect, map: (r: Rect) => [number, number, number, number]): HTMLCanvasElement {
    const key = `${this.canvas.element.dataset.scene}|${content.x},${content.y},${content.w},${content.h}`;
    if (this.backdrop.key === key) return this.backdrop.image;
    const image = this.backdrop.image;
    image.width = this.element.width;
    image.height = this.element.height;
    const ctx = image.getContext("2d");
    if (ctx) {
      ctx.scale(image.width / WIDTH, image.height / HEIGHT);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, WIDTH, HEIGHT);
      ctx.strokeStyle = "#d9dfe7";
      ctx.lineWidth = 1;
      for (const lane of scene.lanes) ctx.strokeRect(...map(lane.rect));
      ctx.fillStyle = "#8aa1c1";
      for (const node of scene.nodes) ctx.fillRect(...map(node.rect));
    }
    this.backdrop.key = key;
    return image;
  }

  private moveViewTo(event: PointerEvent): void {
    if (!this.fit) return;
    const bounds = this.element.getBoundingClientRect();
    const at: Point = { x: (event.clientX - bounds.left - this.fit.x) / this.fit.scale, y: (event.clientY - bounds.top - this.fit.y) / this.fit.scale };
    this.canvas.panTo(at);
  }

  /** Moves to the bottom-left corner while the selection lies under the bottom-right one, so it never hides what is being worked on. */
  private stepAside(): void {
    const box = this.canvas.element.dataset.selectionBox?.split(",").map(Number);
    const area = this.canvas.element.getBoundingClientRect();
    const corner = (left: boolean): Rect => ({ x: left ? area.left + MARGIN : area.right - MARGIN - WIDTH, y: area.bottom - MARGIN - HEIGHT, w: WIDTH, h: HEIGHT });
    const selection = box && box.length === 4 ? { x: box[0]!, y: box[1]!, w: box[2]!, h: box[3]! } : null;
    const left = selection !== null && intersects(selection, corner(false)) && !intersects(selection, corner(true));
    const host = this.element.offsetParent?.getBoundingClientRect();
    this.element.style.left = left && host ? `${area.left - host.left + MARGIN}px` : "";
    this.element.style.right = left ? "auto" : "";
    this.element.dataset.corner = left ? "left" : "right";
  }

  private draw(): void {
    const scene = this.canvas.currentScene;
    const content = this.canvas.drawnBounds;
    const size = this.canvas.screenSize;
    const visible = visibleWorld(this.canvas.currentView, size);
    const shown = !!scene && !!content && size.width > WIDTH * 2 && needsMinimap(content, visible);
    this.element.hidden = !shown;
    this.element.dataset.shown = String(shown);
    if (shown) this.stepAside();
    const ctx = this.ctx;
    if (!shown || !ctx || !scene || !content) {
      this.fit = null;
      return;
    }
    const fit = minimapFit(content);
    this.fit = fit;
    const map = (r: Rect): [number, number, number, number] => [fit.x + r.x * fit.scale, fit.y + r.y * fit.scale, Math.max(1, r.w * fit.scale), Math.max(1, r.h * fit.scale)];
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    ctx.drawImage(this.backdropOf(scene, content, map), 0, 0, WIDTH, HEIGHT);
    ctx.strokeStyle = "#2563c9";
    ctx.lineWidth = 1.5;
    ctx.fillStyle = "rgba(37, 99, 201, 0.08)";
    const view = map(visible);
    ctx.fillRect(...view);
    ctx.strokeRect(...view);
    this.element.dataset.view = view.map(Math.round).join(",");
  }
}
