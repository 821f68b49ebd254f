import { intersects, type Rect } from "./geometry";

/** Cell coordinates are clamped to ±CELL_LIMIT so a cell's key stays a small integer (fast map keys). */
const CELL_LIMIT = 16384;
/**
 * An item whose box spans more cells than this (a long hand-off, a route's whole search area)
 * is kept once in a list every query scans, so it costs one entry instead of one per cell.
 */
const WIDE_CELLS = 16;

/**
 * A uniform grid over world space for viewport culling. Items are small integers
 * (indices into the scene's arrays); each is stored in every cell its box touches.
 * Building is O(items), a query touches only the cells under the view; an item can be
 * taken out again (when it moves, an edit re-inserts it).
 */
export class SpatialGrid {
  private readonly cells = new Map<number, number[]>();
  /** Items spanning more than `WIDE_CELLS` cells, checked by every query. */
  private readonly wide = new Set<number>();
  private readonly boxes: Array<Rect | undefined> = [];
  /** Per-item stamp of the last query that reported it, so items spanning several cells are reported once. */
  private readonly seenAt: number[] = [];
  private queries = 0;
  /** Occupied cell range; queries are clipped to it so a far-zoomed-out view stays cheap. */
  private minCellX = Infinity;
  private minCellY = Infinity;
  private maxCellX = -Infinity;
  private maxCellY = -Infinity;

  constructor(readonly cellSize = 1024) {}

  insert(item: number, box: Rect): void {
    this.boxes[item] = box;
    this.seenAt[item] = 0;
    const x0 = this.cellOf(box.x);
    const y0 = this.cellOf(box.y);
    const x1 = this.cellOf(box.x + box.w);
    const y1 = this.cellOf(box.y + box.h);
    if (x0 < this.minCellX) this.minCellX = x0;
    if (y0 < this.minCellY) this.minCellY = y0;
    if (x1 > this.maxCellX) this.maxCellX = x1;
    if (y1 > this.maxCellY) this.maxCellY = y1;
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > WIDE_CELLS) {
      this.wide.add(item);
      return;
    }
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = cellKey(cx, cy);
        const cell = this.cells.get(key);
        if (cell) cell.push(item);
        else this.cells.set(key, [item]);
      }
    }
  }

  /** Takes an item out (before it moves or goes); its box is forgotten. */
  remove(item: number): void {
    const box = this.boxes[item];
    if (!box) return;
    this.boxes[item] = undefined;
    if (this.wide.delete(item)) return;
    const x1 = this.cellOf(box.x + box.w);
    const y1 = this.cellOf(box.y + box.h);
    for (let cx = this.cellOf(box.x); cx <= x1; cx++) {
      for (let cy = this.cellOf(box.y); cy <= y1; cy++) {
        const key = cellKey(cx, cy);
        const cell = this.cells.get(key);
        const at = cell ? cell.indexOf(item) : -1;
        if (at < 0) continue;
        if (cell!.length === 1) this.cells.delete(key);
        else cell!.splice(at, 1);
      }
    }
  }

  /** The box an item was inserted with. */
  boxOf(item: number): Rect | undefined {
    return this.boxes[item];
  }

  /** Items whose box intersects `area`, in ascending order (insertion order is draw order). */
  query(area: Rect): number[] {
    const stamp = ++this.queries;
    const found: number[] = [];
    const x0 = Math.max(this.cellOf(area.x), this.minCellX);
    const y0 = Math.max(this.cellOf(area.y), this.minCellY);
    const x1 = Math.min(this.cellOf(area.x + area.w), this.maxCellX);
    const y1 = Math.min(this.cellOf(area.y + area.h), this.maxCellY);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const cell = this.cells.get(cellKey(cx, cy));
        if (!cell) continue;
        for (const item of cell) {
          if (this.seenAt[item] === stamp) continue;
          this.seenAt[item] = stamp;
          if (intersects(this.boxes[item]!, area)) found.push(item);
        }
      }
    }
    // Only when there is one: iterating even an empty set allocates, thousands of times a layout.
    if (this.wide.size > 0) for (const item of this.wide) if (intersects(this.boxes[item]!, area)) found.push(item);
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }

  /** The cell of a coordinate; clamping keeps far-off boxes in the edge cells, where queries still find them. */
  private cellOf(coordinate: number): number {
    const cell = Math.floor(coordinate / this.cellSize);
    return cell < -CELL_LIMIT ? -CELL_LIMIT : cell >= CELL_LIMIT ? CELL_LIMIT - 1 : cell;
  }
}

/** Packs clamped cell coordinates into one small integer key. */
function cellKey(cx: number, cy: number): number {
  return (cx + CELL_LIMIT) * (2 * CELL_LIMIT) + (cy + CELL_LIMIT);
}
