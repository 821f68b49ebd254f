import { describe, expect, it } from "vitest";
import { intersects, type Rect } from "../src/canvas/geometry";
import { SpatialGrid } from "../src/canvas/spatialGrid";
import { seededRandom } from "./fixtures";

function randomRect(random: () => number, extent: number, maxSize: number): Rect {
  return { x: (random() - 0.2) * extent, y: (random() - 0.2) * extent, w: random() * maxSize, h: random() * maxSize };
}

describe("SpatialGrid", () => {
  it("returns exactly the items whose boxes intersect the query, each once, in order", () => {
    const random = seededRandom(42);
    const grid = new SpatialGrid(128);
    const boxes = Array.from({ length: 2000 }, () => randomRect(random, 5000, 600));
    boxes.forEach((box, i) => grid.insert(i, box));
    for (let q = 0; q < 200; q++) {
      const query = randomRect(random, 5000, 1500);
      const expected = boxes.flatMap((box, i) => (intersects(box, query) ? [i] : []));
      expect(grid.query(query)).toEqual(expected);
    }
  });

  it("counts boxes touching the query's edge as intersecting", () => {
    const grid = new SpatialGrid(100);
    grid.insert(0, { x: 0, y: 0, w: 100, h: 100 });
    grid.insert(1, { x: 250, y: 0, w: 10, h: 10 });
    expect(grid.query({ x: 100, y: 100, w: 50, h: 50 })).toEqual([0]);
  });

  it("answers a query far larger than the occupied area", () => {
    const grid = new SpatialGrid(64);
    grid.insert(0, { x: 10, y: 10, w: 5, h: 5 });
    grid.insert(1, { x: -300, y: 900, w: 5, h: 5 });
    expect(grid.query({ x: -1e7, y: -1e7, w: 2e7, h: 2e7 })).toEqual([0, 1]);
  });

  it("keeps answering exactly as wide and narrow items are taken out and put back elsewhere", () => {
    const random = seededRandom(7);
    const grid = new SpatialGrid(100);
    // Up to 3,000 wide: many span far more cells than a narrow one, as a long hand-off does.
    const boxes = Array.from({ length: 500 }, () => randomRect(random, 5000, 3000));
    boxes.forEach((box, i) => grid.insert(i, box));
    for (let move = 0; move < 300; move++) {
      const i = Math.floor(random() * boxes.length);
      grid.remove(i);
      boxes[i] = randomRect(random, 5000, random() < 0.5 ? 50 : 3000);
      grid.insert(i, boxes[i]!);
      const query = randomRect(random, 5000, 800);
      expect(grid.query(query)).toEqual(boxes.flatMap((box, j) => (intersects(box, query) ? [j] : [])));
    }
    grid.remove(0);
    expect(grid.boxOf(0)).toBeUndefined();
    expect(grid.query({ x: -1e7, y: -1e7, w: 2e7, h: 2e7 })).not.toContain(0);
  });

  it("returns nothing from an empty grid", () => {
    expect(new SpatialGrid().query({ x: 0, y: 0, w: 1000, h: 1000 })).toEqual([]);
  });
});
