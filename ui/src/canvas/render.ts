import { paintArtifact, paintAssociation, paintMessage, paintPool, paintPoolHeader, paintSideways } from "./artifactPainter";
import type { ElementDecoration, Highlight } from "./decorations";
import { inflate, intersects, type Rect } from "./geometry";
import type { Ghosts } from "./ghosts";
import { detailFor, paintNode, strokeWidth, type Detail } from "./nodePainter";
import * as paint from "./overlayPainter";
import { MAX_TEXT_LINES, pinnedHeader, pinnedPool, type FlowShape, type LaneBand, type NodeShape, type Scene, type Selectable } from "./scene";
import { paintBlock, TextLayout } from "./textLayout";
import { colour, detailZoom, font, lineHeight, overlay } from "./theme";
import { visibleWorld, type ScreenSize, type Viewport } from "./viewport";

export interface FrameStats {
  nodesDrawn: number;
  flowsDrawn: number;
}

/** What is drawn on top of the diagram: decorations by element id, ghosts and the selection. */
export interface Overlay {
  decorations: ReadonlyMap<string, ElementDecoration>;
  ghosts: Ghosts | null;
  selected: readonly string[];
}

const NO_OVERLAY: Overlay = { decorations: new Map(), ghosts: null, selected: [] };

/** Screen pixels around the view that are drawn too, so strokes cut at the edge do not flicker while panning. */
const CULL_MARGIN_PX = 16;
const HEADER_PADDING = 12;

/**
 * Draws a scene into a 2D context. Holds the per-process caches (wrapped text), so one
 * renderer lives as long as the scene it draws.
 */
export class SceneRenderer {
  private readonly text: TextLayout;
  /** Lanes, pools and notation by id (few); nodes and flows are found through the scene's own maps. */
  private byId = new Map<string, Selectable>();

  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private scene: Scene,
  ) {
    this.text = new TextLayout(ctx);
    this.setScene(scene);
  }

  /**
   * Draws `scene` from now on (a new one, or the same one updated after an edit); the wrapped
   * text cache is kept, as most labels are the same.
   */
  setScene(scene: Scene): void {
    this.scene = scene;
    this.byId = new Map();
    for (const item of [...scene.pools, ...scene.messages, ...scene.artifacts, ...scene.associations, ...scene.lanes]) this.byId.set(item.id, item);
  }

  /** Paints one frame; `size` is in CSS pixels, the backing store is `size × pixelRatio`. */
  draw(viewport: Viewport, size: ScreenSize, pixelRatio: number, overlay: Overlay = NO_OVERLAY): FrameStats {
    const ctx = this.ctx;
    ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    ctx.fillStyle = colour.canvas;
    ctx.fillRect(0, 0, size.width, size.height);

    const scale = pixelRatio * viewport.zoom;
    ctx.setTransform(scale, 0, 0, scale, pixelRatio * viewport.offsetX, pixelRatio * viewport.offsetY);
    const view = inflate(visibleWorld(viewport, size), CULL_MARGIN_PX / viewport.zoom);
    const detail = detailFor(viewport.zoom);
    const deco = overlay.decorations;
    const tone = (id: string) => deco.get(id)?.highlight;
    const ghosts = overlay.ghosts;
    const ghostLanes = (ghosts?.lanes ?? []).filter((lane) => intersects(lane.rect, view));
    const ghostFlows = (ghosts?.flows ?? []).filter((flow) => intersects(flow.bbox, view));
    const ghostNodes = (ghosts?.nodes ?? []).filter((node) => intersects(node.bbox, view));

    const seen = <T extends { bbox: Rect }>(items: readonly T[]) => items.filter((item) => intersects(item.bbox, view));
    for (const pool of this.scene.pools) if (intersects(pool.rect, view)) paintPool(ctx, pool, this.text, detail.names, detail.zoom);
    const lanes = this.scene.lanes.filter((lane) => intersects(lane.rect, view));
    const left = visibleWorld(viewport, size).x;
    const headed = lanes.map((lane) => pinnedHeader(lane, left, detail.zoom));
    for (const lane of lanes) {
      this.paintBand(lane, detail);
      const laneTone = tone(lane.id);
      if (laneTone === "added" || laneTone === "active") paint.paintBandTint(ctx, lane, laneTone);
    }
    for (const lane of ghostLanes) paint.paintGhostBand(ctx, lane, detail.zoom);
    for (const artifact of seen(this.scene.artifacts)) paintArtifact(ctx, artifact, this.text, detail.smallText, detail.zoom);
    for (const association of seen(this.scene.associations)) paintAssociation(ctx, association, detail.zoom);

    const flows = this.scene.flowGrid.query(view).map((i) => this.scene.flows[i]!);
    const toned = deco.size === 0 ? [] : flows.filter((flow) => tone(flow.id));
    for (const flow of toned) paint.paintFlowGlow(ctx, flow, tone(flow.id)!, detail.zoom);
    if (deco.size > 0) {
      for (const flow of flows) {
        const weight = deco.get(flow.id)?.weight;
        if (weight !== undefined) paint.paintFlowWeight(ctx, flow, weight, detail.zoom);
      }
    }
    this.paintFlowLines(flows, detail);
    for (const flow of ghostFlows) paint.paintFlowTone(ctx, flow, "removed", detail.zoom);
    for (const flow of toned) paint.paintFlowTone(ctx, flow, tone(flow.id)!, detail.zoom);

    const nodes = this.scene.nodeGrid.query(view);
    const shapes = nodes.map((index) => this.scene.nodes[index]!);
    for (const node of shapes) if (tone(node.id)) paint.paintNodeHalo(ctx, node, tone(node.id)!);
    for (const node of ghostNodes) this.paintGhostNode(node, detail);
    for (const node of shapes) paintNode(ctx, node, this.text, detail);
    for (const node of shapes) if (tone(node.id)) paint.paintNodeRing(ctx, node, tone(node.id)!, detail.zoom);
    for (const message of seen(this.scene.messages)) paintMessage(ctx, message, detail.zoom);

    if (detail.smallText) for (const flow of [...flows, ...seen(this.scene.messages)]) this.paintFlowTexts(flow);
    for (const lane of headed) this.paintHeader(lane, view, detail, tone(lane.id));
    for (const lane of ghostLanes) this.paintHeader(pinnedHeader(lane, left, detail.zoom), view, detail, "removed");
    for (const pool of this.scene.pools) {
      if (!pool.blackBox && pool.header.x < left && intersects(pool.rect, view)) paintPoolHeader(ctx, pinnedPool(pool, left), this.text, detail.names, detail.zoom);
    }

    for (const id of overlay.selected) {
      const selected = this.find(id, ghosts);
      if (!selected) continue;
      const pinned = "index" in selected ? pinnedHeader(selected, left, detail.zoom) : "blackBox" in selected ? pinnedPool(selected, left) : selected;
      paint.paintSelection(ctx, pinned, detail);
    }
    // Badges last: a selection ring must not hide what is wrong with the element.
    if (deco.size > 0) this.paintBadges(shapes, flows, headed, detail, deco);
    return { nodesDrawn: nodes.length, flowsDrawn: flows.length };
  }

  /** The element with `id` in the scene or among the ghosts (few, so searched in turn). */
  find(id: string, ghosts: Ghosts | null): Selectable | undefined {
    const node = this.scene.nodeAt.get(id);
    if (node !== undefined) return this.scene.nodes[node];
    const flow = this.scene.flowAt.get(id);
    if (flow !== undefined) return this.scene.flows[flow];
    return this.byId.get(id) ?? ghosts?.nodes.find((n) => n.id === id) ?? ghosts?.flows.find((f) => f.id === id) ?? ghosts?.lanes.find((l) => l.id === id);
  }

  /** A removed node: itself faded, ringed with red dashes. */
  private paintGhostNode(node: NodeShape, detail: Detail): void {
    const ctx = this.ctx;
    paint.paintNodeHalo(ctx, node, "removed");
    ctx.globalAlpha = 0.45;
    paintNode(ctx, node, this.text, detail);
    ctx.globalAlpha = 1;
    paint.paintNodeRing(ctx, node, "removed", detail.zoom);
  }

  /** Notes under nodes, token dots, then problem badges on nodes, flows and lane headers. */
  private paintBadges(nodes: NodeShape[], flows: FlowShape[], lanes: LaneBand[], detail: Detail, deco: ReadonlyMap<string, ElementDecoration>): void {
    const ctx = this.ctx;
    if (detail.smallText) {
      for (const node of nodes) {
        const d = deco.get(node.id);
        if (d?.note) paint.paintNote(ctx, this.text, node.rect, d.note, d.highlight ?? "changed");
      }
      for (const flow of flows) {
        const d = deco.get(flow.id);
        if (d?.note) paint.paintFlowNote(ctx, this.text, flow, d.note, d.highlight ?? "taken", detail.zoom);
      }
    }
    for (const flow of flows) if (deco.get(flow.id)?.token) paint.paintToken(ctx, flow, detail.zoom);
    for (const flow of flows) {
      const kind = deco.get(flow.id)?.marker;
      if (kind) paint.paintMarker(ctx, paint.badgeBesideFlow(flow, detail.zoom), kind, detail.zoom);
    }
    for (const node of nodes) {
      const kind = deco.get(node.id)?.marker;
      if (kind) paint.paintMarker(ctx, paint.badgeBesideNode(node.rect, detail.zoom), kind, detail.zoom);
    }
    for (const lane of lanes) {
      const kind = deco.get(lane.id)?.marker;
      if (kind) paint.paintMarker(ctx, { x: lane.header.x + lane.header.w - 14, y: lane.header.y + 14 }, kind, detail.zoom);
    }
  }

  private paintBand(lane: LaneBand, detail: Detail): void {
    const ctx = this.ctx;
    const r = lane.rect;
    ctx.fillStyle = lane.index % 2 === 0 ? colour.laneEven : colour.laneOdd;
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.lineWidth = strokeWidth(1, detail.zoom);
    ctx.strokeStyle = colour.laneBorder;
    ctx.strokeRect(r.x, r.y, r.w, r.h);
  }

  /** All visible flows as one path and all arrowheads as another: two draw calls however many flows. */
  private paintFlowLines(flows: FlowShape[], detail: Detail): void {
    const ctx = this.ctx;
    ctx.beginPath();
    for (const flow of flows) {
      const [first, ...rest] = flow.points;
      ctx.moveTo(first!.x, first!.y);
      // Stop the line at the arrow's base so the tip stays sharp.
      const last = rest.length - 1;
      rest.forEach((p, i) => {
        if (i === last && detail.zoom >= detailZoom.flowDecorations) {
          const [, wingA, wingB] = flow.arrow;
          ctx.lineTo((wingA.x + wingB.x) / 2, (wingA.y + wingB.y) / 2);
        } else {
          ctx.lineTo(p.x, p.y);
        }
      });
      if (flow.defaultMarker && detail.zoom >= detailZoom.flowDecorations) {
        const [a, b] = flow.defaultMarker;
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
      }
    }
    ctx.lineWidth = strokeWidth(1.4, detail.zoom);
    ctx.lineJoin = "round";
    ctx.strokeStyle = colour.flow;
    ctx.stroke();

    if (detail.zoom < detailZoom.flowDecorations) return;
    ctx.beginPath();
    for (const { arrow } of flows) {
      ctx.moveTo(arrow[0].x, arrow[0].y);
      ctx.lineTo(arrow[1].x, arrow[1].y);
      ctx.lineTo(arrow[2].x, arrow[2].y);
      ctx.closePath();
    }
    ctx.fillStyle = colour.flow;
    ctx.fill();
  }

  private paintFlowTexts(flow: FlowShape): void {
    for (const block of flow.texts) {
      const isCondition = block.style === "condition";
      paintBlock(this.ctx, this.text, block, {
        font: isCondition ? font.condition : font.flowLabel,
        fill: isCondition ? colour.condition : colour.flowLabel,
        lineHeight: lineHeight.flowText,
        halo: colour.halo,
        maxLines: MAX_TEXT_LINES,
      });
    }
  }

  /** The lane's header column: workflow name, team, trigger and output, cut to the band's height. */
  private paintHeader(lane: LaneBand, view: Rect, detail: Detail, highlight?: Highlight): void {
    const h = lane.header;
    if (!intersects(h, view)) return;
    const ctx = this.ctx;
    ctx.fillStyle = highlight ? overlay[highlight].header : colour.header;
    ctx.fillRect(h.x, h.y, h.w, h.h);
    if (h.x > lane.rect.x) {
      // Pinned over the diagram: a soft shadow says the content goes on underneath.
      ctx.fillStyle = colour.pinnedShadow;
      ctx.fillRect(h.x + h.w, h.y, 5 / detail.zoom, h.h);
    }
    if (highlight) paint.paintHeaderStripe(ctx, h, highlight);
    ctx.lineWidth = strokeWidth(1, detail.zoom);
    ctx.strokeStyle = colour.headerBorder;
    ctx.beginPath();
    ctx.moveTo(h.x + h.w, h.y);
    ctx.lineTo(h.x + h.w, h.y + h.h);
    ctx.moveTo(h.x, h.y + h.h);
    ctx.lineTo(h.x + h.w, h.y + h.h);
    ctx.stroke();
    if (!detail.names) return;
    if (h.x > lane.rect.x) return paintSideways(ctx, this.text, lane.name, h);

    const width = h.w - 2 * HEADER_PADDING;
    const x = h.x + HEADER_PADDING;
    const limit = h.y + h.h - HEADER_PADDING;
    let y = h.y + HEADER_PADDING;
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";

    const nameLines = this.text.wrap(lane.name, font.laneName, width, 2);
    y = this.paintLines(nameLines, font.laneName, colour.laneName, x, y, lineHeight.laneName, limit);
    if (!detail.smallText) return;
    y = this.paintLines(this.text.wrap(lane.team, font.laneTeam, width, 1), font.laneTeam, colour.laneTeam, x, y, lineHeight.laneDetail, limit);
    y += 6;
    y = this.paintKeyed("Trigger:", lane.trigger, x, y, width, limit);
    y += 4;
    this.paintKeyed("Output:", lane.output, x, y, width, limit);
  }

  /** "Key: value" wrapped as one paragraph, the key in a darker colour, as many lines as the band allows. */
  private paintKeyed(key: string, value: string, x: number, top: number, width: number, limit: number): number {
    if (!value.trim()) return top;
    const step = lineHeight.laneDetail;
    const room = Math.floor((limit - top) / step);
    const lines = this.text.wrap(`${key} ${value}`, font.laneDetail, width, Math.min(room, 4));
    if (lines.length === 0) return top;
    const ctx = this.ctx;
    ctx.font = font.laneDetail;
    let y = top + step / 2;
    lines.forEach((line, i) => {
      if (i === 0 && line.startsWith(key)) {
        ctx.fillStyle = colour.laneDetailKey;
        ctx.fillText(key, x, y);
        ctx.fillStyle = colour.laneDetail;
        ctx.fillText(line.slice(key.length), x + this.text.width(key, font.laneDetail), y);
      } else {
        ctx.fillStyle = colour.laneDetail;
        ctx.fillText(line, x, y);
      }
      y += step;
    });
    return top + lines.length * step;
  }

  private paintLines(lines: string[], fontSpec: string, fill: string, x: number, top: number, step: number, limit: number): number {
    const ctx = this.ctx;
    ctx.font = fontSpec;
    ctx.fillStyle = fill;
    let y = top;
    for (const line of lines) {
      if (y + step > limit) break;
      ctx.fillText(line, x, y + step / 2);
      y += step;
    }
    return y;
  }
}
