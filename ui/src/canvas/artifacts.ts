import type { ArtifactKind } from "../generated/ArtifactKind";
import type { Node } from "../generated/Node";
import type { Process } from "../generated/Process";
import { arrowHead, type FlowShape } from "./flowShapes";
import { textBox, type FlowText } from "./flowText";
import { bottom, boundsOfPoints, center, inflate, right, union, type Point, type Rect } from "./geometry";
import { depthOn, POOL_HEADER_WIDTH, type PoolBand } from "./planes";
import { routeOrthogonal, routeThrough, type Endpoint } from "./routing";
import type { NodeShape } from "./scene";
import { lineHeight } from "./theme";

/**
 * Artifacts, associations and message flows (`src/export/diagram/artifacts.rs`): data objects,
 * data stores, notes and groups where the layout puts them; associations as straight lines
 * between borders; message flows routed like sequence flows between nodes and pool bands.
 */

const LANE_HEADER_WIDTH = 200;
const ARROW_HALF_WIDTH = 4.5;
/** Room under a data object or store for its name. */
export const ARTIFACT_LABEL_SPACE = 32;

export interface ArtifactShape {
  id: string;
  kind: ArtifactKind;
  rect: Rect;
  /** Everything it paints, its name included. */
  bbox: Rect;
}

export interface AssociationShape {
  id: string;
  sourceId: string;
  targetId: string;
  /** From the source's border to the target's. */
  points: [Point, Point];
  /** Open arrowheads (tip, then the back corners): at the target when directed, at both ends when both ways. */
  arrows: [Point, Point, Point][];
  bbox: Rect;
}

function defaultSize(kind: ArtifactKind): { w: number; h: number } {
  switch (kind.type) {
    case "data_object":
      return { w: 36, h: 50 };
    case "data_store":
      return { w: 50, h: 50 };
    case "annotation":
      return { w: 140, h: 44 };
    case "group":
      return { w: 240, h: 160 };
  }
}

/** The artifacts of `plane`; those without a box are lined up under the lanes (below `top`). */
export function placeArtifacts(process: Process, plane: string | undefined, top: number): ArtifactShape[] {
  const nodes = new Map<string, Node>(process.nodes.map((n) => [n.id, n]));
  let nextX = LANE_HEADER_WIDTH + 40;
  const shapes: ArtifactShape[] = [];
  for (const artifact of process.artifacts ?? []) {
    if (depthOn(nodes, artifact.parent, plane) === null) continue;
    let rect = process.layout.artifacts?.[artifact.id];
    if (!rect) {
      const size = defaultSize(artifact.kind);
      rect = { x: nextX, y: top + 30, w: size.w, h: size.h };
      nextX += size.w + 40;
    }
    const below = artifact.kind.type === "data_object" || artifact.kind.type === "data_store" ? ARTIFACT_LABEL_SPACE : 0;
    const bbox = { x: Math.min(rect.x, center(rect).x - 60), y: rect.y, w: Math.max(rect.w, 120), h: rect.h + below };
    shapes.push({ id: artifact.id, kind: artifact.kind, rect, bbox: inflate(bbox, 2) });
  }
  return shapes;
}

/** Associations whose both ends are drawn: straight from border to border. */
export function connectAssociations(process: Process, nodes: readonly NodeShape[], artifacts: readonly ArtifactShape[]): AssociationShape[] {
  const rects = new Map<string, Rect>(nodes.map((n) => [n.id, n.rect]));
  for (const a of artifacts) rects.set(a.id, a.rect);
  const shapes: AssociationShape[] = [];
  for (const association of process.associations ?? []) {
    const source = rects.get(association.source);
    const target = rects.get(association.target);
    if (!source || !target) continue;
    const points: [Point, Point] = [exitPoint(source, center(target)), exitPoint(target, center(source))];
    const direction = association.direction ?? "none";
    const arrows: [Point, Point, Point][] = [];
    if (direction !== "none") arrows.push(arrowHead(points));
    if (direction === "both") arrows.push(arrowHead([points[1], points[0]]));
    shapes.push({
      id: association.id,
      sourceId: association.source,
      targetId: association.target,
      points,
      arrows,
      bbox: inflate(boundsOfPoints(points), ARROW_HALF_WIDTH + 2),
    });
  }
  return shapes;
}

/** Where the line from `r`'s centre toward `toward` leaves `r`. */
function exitPoint(r: Rect, toward: Point): Point {
  const c = center(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  const scaleX = dx === 0 ? Infinity : r.w / 2 / Math.abs(dx);
  const scaleY = dy === 0 ? Infinity : r.h / 2 / Math.abs(dy);
  const t = Math.min(scaleX, scaleY, 1);
  return { x: c.x + dx * t, y: c.y + dy * t };
}

/**
 * Message flows whose both ends are drawn: a node's border, or the edge of a pool band facing
 * the other end. Routed through the layout's bend points when it has them.
 */
export function routeMessages(process: Process, nodes: readonly NodeShape[], pools: readonly PoolBand[]): FlowShape[] {
  const nodeEnds = new Map<string, Endpoint>(nodes.map((n) => [n.id, { rect: n.rect, outline: n.outline, splits: false, joins: false }]));
  const poolRects = new Map(pools.map((p) => [p.id, p.rect]));
  const shapes: FlowShape[] = [];
  for (const message of process.messages ?? []) {
    let source = nodeEnds.get(message.source);
    let target = nodeEnds.get(message.target);
    const sourcePool = poolRects.get(message.source);
    const targetPool = poolRects.get(message.target);
    if (source && !target && targetPool) target = poolEdge(targetPool, center(source.rect));
    else if (!source && target && sourcePool) source = poolEdge(sourcePool, center(target.rect));
    else if (!source && !target && sourcePool && targetPool) {
      const x = POOL_HEADER_WIDTH + LANE_HEADER_WIDTH + 60;
      source = atX(poolEdge(sourcePool, center(targetPool)), x);
      target = atX(poolEdge(targetPool, center(sourcePool)), x);
    }
    if (!source || !target) continue;
    const bends = process.layout.flows?.[message.id];
    const points = bends && bends.length > 0 ? routeThrough(source, target, bends) : routeOrthogonal(source, target);
    if (points.length < 2) continue;
    const texts = messageName(message.name ?? "", points);
    let bbox = inflate(boundsOfPoints(points), ARROW_HALF_WIDTH + 2);
    if (texts.length > 0) bbox = union(bbox, textBox(texts));
    shapes.push({ id: message.id, sourceId: message.source, targetId: message.target, points, arrow: arrowHead(points), defaultMarker: null, texts, bbox });
  }
  return shapes;
}

/** How wide a message's name may grow before it wraps. */
const MESSAGE_TEXT_WIDTH = 130;

/** A message's name beside the middle of its longest run: right of a vertical run, above a horizontal one. */
function messageName(name: string, points: readonly Point[]): FlowText[] {
  if (name.trim() === "") return [];
  let longest = { length: 0, a: points[0]!, b: points[0]! };
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length > longest.length) longest = { length, a, b };
  }
  const { a, b } = longest;
  const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const half = lineHeight.flowText / 2;
  const vertical = Math.abs(a.x - b.x) < Math.abs(a.y - b.y);
  const place = vertical
    ? { x: middle.x + 6, y: middle.y, align: "left" as const, grow: "down" as const }
    : { x: middle.x, y: middle.y - 4 - half, align: "center" as const, grow: "up" as const };
  return [{ text: name, ...place, maxWidth: MESSAGE_TEXT_WIDTH, style: "label" }];
}

/** A point on the top or bottom edge of `pool` (whichever faces `toward`), under `toward`. */
function poolEdge(pool: Rect, toward: Point): Endpoint {
  const y = toward.y < center(pool).y ? pool.y : bottom(pool);
  let x = Math.max(toward.x, pool.x + POOL_HEADER_WIDTH);
  if (pool.w > 0) x = Math.min(x, right(pool));
  return { rect: { x, y, w: 0, h: 0 }, outline: "box", splits: false, joins: false };
}

function atX(end: Endpoint, x: number): Endpoint {
  return { ...end, rect: { ...end.rect, x } };
}
