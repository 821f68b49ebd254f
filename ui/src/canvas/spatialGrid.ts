import { intersects, type Rect } from "./geometry";

/**
 * A uniform grid over world space for viewport culling. Items are small integers
 * (indices into the scene's arrays); each is stored in every cell its box touches.
 * Building is O(items), a query touches only the cells under the view.
 */
export class SpatialGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly boxes: Rect[] = [];
  /** Per-item stamp of the last query that reported it, so items spanning several cells are reported once. */
  private readonly seenAt: number[] = [];
  private queries = 0;
  /** Occupied cell range; queries are clipped to it so a far-zoomed-out view stays cheap. */
  private minCellX = Infinity;
  private minCellY = Infinity;
  private maxCellX = -Infinity;
  private maxCellY = -Infinity;

  constructor(readonly cellSize = 256) {}

  insert(item: number, box: Rect): void {
    this.boxes[item] = box;
    this.seenAt[item] = 0;
    this.minCellX = Math.min(this.minCellX, this.cellOf(box.x));
    this.minCellY = Math.min(this.minCellY, this.cellOf(box.y));
    this.maxCellX = Math.max(this.maxCellX, this.cellOf(box.x + box.w));
    this.maxCellY = Math.max(this.maxCellY, this.cellOf(box.y + box.h));
    this.forEachCell(box, (key) => {
      const cell = this.cells.get(key);
      if (cell) cell.push(item);
      else this.cells.set(key, [item]);
    });
  }

  /** Takes an item out (before it moves or goes); its box is forgotten. */
  remove(item: number): void {
    const box = this.boxes[item];
    if (!box) return;
    this.forEachCell(box, (key) => {
      const cell = this.cells.get(key);
      const at = cell ? cell.indexOf(item) : -1;
      if (at < 0) return;
      if (cell!.length === 1) this.cells.delete(key);
      else cell!.splice(at, 1);
    });
    delete this.boxes[item];
  }

  /** The box an item was inserted with. */
  boxOf(item: number): Rect | undefined {
    return this.boxes[item];
  }

  /** Items whose box intersects `area`, in ascending order (insertion order is draw order). */
  query(area: Rect): number[] {
    const stamp = ++this.queries;
    const found: number[] = [];
    this.forEachCell(area, (key) => {
      const cell = this.cells.get(key);
      if (!cell) return;
      for (const item of cell) {
        if (this.seenAt[item] === stamp) continue;
        this.seenAt[item] = stamp;
        if (intersects(this.boxes[item]!, area)) found.push(item);
      }
    });
    return found.sort((a, b) => a - b);
  }

  private cellOf(coordinate: number): number {
    return Math.floor(coordinate / this.cellSize);
  }

  private forEachCell(box: Rect, visit: (key: number) => void): void {
    const x0 = Math.max(this.cellOf(box.x), this.minCellX);
    const y0 = Math.max(this.cellOf(box.y), this.minCellY);
    const x1 = Math.min(this.cellOf(box.x + box.w), this.maxCellX);
    const y1 = Math.min(this.cellOf(box.y + box.h), this.maxCellY);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) visit(cellKey(cx, cy));
    }
  }
}

/** Packs signed cell coordinates (|c| < 2^20, i.e. worlds up to ~268M units) into one map key. */
function cellKey(cx: number, cy: number): number {
  return (cx + 0x100000) * 0x200000 + (cy + 0x100000);
}
