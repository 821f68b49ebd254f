import type { Canvas, CanvasInteraction, Gesture } from "../canvas";
import { center, type Point } from "../canvas/geometry";
import type { FlowShape, NodeShape, Scene } from "../canvas/scene";
import type { Command } from "../generated/Command";
import type { Variable } from "../generated/Variable";
import { align, boxesOf, distribute, movesCommand, type Alignment, type Placed, type Spread } from "./arrange";
import { copy, paste, type Fragment } from "./clipboard";
import { ContextMenu } from "./contextMenu";
import { menuEntries } from "./contextMenuEntries";
import { droppedOn } from "./buttonDrag";
import { ContextPad, type PadDragged } from "./contextPad";
import { linesOf } from "./padPlacement";
import { InlineRename } from "./inlineRename";
import type { EditorDocument } from "./document";
import * as gesture from "./gestures";
import { Palette } from "./palette";
import { paintPreview } from "./previewPainter";
import { attachTimer, carried, isActivity } from "./boundary";
import { Breadcrumb } from "./breadcrumb";
import { moveBand, reorderPools } from "./bandOrder";
import { NO_NAMES } from "../names";
import { intoPlane, opensPlane, planePath, planeView } from "./plane";
import { connectable, connection, partnerPool, removal } from "./participants";
import { appendNode, ghostBox, isArtifactKind, newId, placeNode, type NewKind, type NodeNewKind, type Side } from "./placement";
import { padDrop, padPreview } from "./padDrop";

/** The shortest lane the core accepts (edit.rs MIN_LANE_HEIGHT). */
const MIN_LANE_HEIGHT = 60;
const NEW_LANE_HEIGHT = 160;
/** How close to an activity's border a dropped boundary event attaches, in screen pixels. */
const BORDER_REACH_PX = 14;
/** Two presses on one sub-process this close together open it. */
const DOUBLE_PRESS_MS = 400;

export interface EditorHost {
  /** The selection changed (ids of nodes, flows or lanes; empty: the process itself). */
  selected(ids: readonly string[]): void;
  status(message: string): void;
  /** Another process to call from a new call activity (the first other one in the library). */
  callTarget(): string | null;
  /** Asks before a destructive gesture; resolves true to go on. */
  confirm(title: string, body: string, action: string): Promise<boolean>;
}

/** The session-wide clipboard: copy in one process, paste in another. */
let clipboard: { fragment: Fragment; pastes: number } | null = null;

/**
 * Drawing and changing a process on the canvas: selection, palette, context pad, gestures and
 * editing shortcuts. Every change is one command sent through the document; the canvas is
 * redrawn from the patch the core returns.
 */
export class Editor implements CanvasInteraction {
  private doc: EditorDocument | null = null;
  private readOnly = true;
  private selection: string[] = [];
  private preview: gesture.Preview = gesture.NO_PREVIEW;
  /** A palette item waiting for a click on the canvas, or a connection waiting for its target. */
  private tool: { place: NewKind } | { connectFrom: string } | null = null;
  private readonly palette: Palette;
  private readonly pad: ContextPad;
  private readonly breadcrumb: Breadcrumb;
  /** The collapsed sub-process whose own plane is open; null: the process's plane. */
  private plane: string | null = null;
  private lastPress: { id: string; at: number } | null = null;
  private readonly renamer: InlineRename;
  private readonly menu: ContextMenu;

  constructor(
    private readonly canvas: Canvas,
    paletteHost: HTMLElement,
    padHost: HTMLElement,
    private readonly host: EditorHost,
  ) {
    this.palette = new Palette(paletteHost, {
      place: (kind) => this.arm({ place: kind }),
      drop: (kind, clientX, clientY) => void this.drop(kind, clientX, clientY),
      dragging: (kind, clientX, clientY) => this.ghostAt(kind, clientX === null ? null : this.canvas.worldAt(clientX, clientY ?? 0)),
      addLane: () => void this.addLane(),
      addPool: (withLane) => void this.addPool(withLane),
      tidyUp: () => void this.tidyUp(),
    });
    this.pad = new ContextPad(padHost, {
      append: (kind) => void this.append(kind),
      attachTimer: () => void this.attachTimer(),
      openPlane: () => this.openPlane(this.selection[0] ?? null),
      connect: () => this.startConnect(),
      remove: () => void this.deleteSelection(),
      align: (how) => void this.align(how),
      distribute: (how) => void this.distribute(how),
      dragging: (what, x, y) => this.padDragging(what, x === null ? null : this.canvas.worldAt(x, y ?? 0)),
      dropped: (what, x, y) => void this.padDropped(what, x, y),
    });
    const stage = padHost.parentElement ?? padHost;
    this.breadcrumb = new Breadcrumb(stage, (plane) => this.openPlane(plane));
    this.renamer = new InlineRename(stage, () => canvas.element.focus({ preventScroll: true }));
    this.menu = new ContextMenu(stage);
    canvas.element.addEventListener("dblclick", (event) => this.doubleClicked(event));
    canvas.element.addEventListener("contextmenu", (event) => this.openMenu(event));
    // What is inside a collapsed sub-process is drawn only on its own plane.
    this.canvas.setView((process) => planeView(process, null, NO_NAMES));
  }

  /** The sub-process whose plane is open, if any. */
  get openPlaneId(): string | null {
    return this.plane;
  }

  /** Opens the own plane of collapsed sub-process `plane` (null: back to the process). */
  openPlane(plane: string | null): void {
    const doc = this.doc;
    this.plane = doc && plane && opensPlane(doc.process, plane) ? plane : null;
    const open = this.plane;
    const names = doc?.names ?? NO_NAMES;
    this.canvas.setView((process) => planeView(process, open, doc?.names ?? NO_NAMES));
    this.breadcrumb.show(doc?.process.info.name ?? "", doc ? planePath(doc.process, open) : [], names);
    this.select([]);
  }

  get document(): EditorDocument | null {
    return this.doc;
  }

  get selected(): readonly string[] {
    return this.selection;
  }

  /** Starts editing `doc` (or shows it read-only); the canvas already shows its process. */
  open(doc: EditorDocument | null, readOnly: boolean): void {
    const sameDoc = doc !== null && doc === this.doc;
    this.doc = doc;
    this.readOnly = readOnly || doc === null;
    this.tool = null;
    if (this.plane && !sameDoc) this.openPlane(null);
    this.palette.setEnabled(!this.readOnly);
    this.canvas.setInteraction(this.readOnly ? null : this);
    this.select([]);
  }

  /** The process changed: keep the selection where its elements still exist. */
  redrawn(): void {
    // The open sub-process was removed (or expanded): back to where it was.
    if (this.plane && this.doc && !opensPlane(this.doc.process, this.plane)) this.openPlane(null);
    this.keepDrawnSelection();
    this.select(this.selection);
  }

  /** Drops what the scene no longer draws from the selection, the panels told later (`redrawn`). */
  keepDrawnSelection(): void {
    const scene = this.canvas.currentScene;
    const few = scene ? [scene.lanes, scene.pools, scene.messages, scene.artifacts, scene.associations] : [];
    const drawn = (id: string) => !!scene && (scene.nodeAt.has(id) || scene.flowAt.has(id) || few.some((shapes) => shapes.some((s) => s.id === id)));
    this.selection = this.selection.filter(drawn);
  }

  select(ids: readonly string[]): void {
    this.selection = [...ids];
    this.canvas.selectMany(this.selection);
    this.host.selected(this.selection);
    this.placePad();
  }

  /** A click on the canvas selected one element (or nothing) through the canvas itself. */
  clicked(id: string | null): void {
    if (this.tool) return;
    this.select(id === null ? [] : [id]);
  }

  // ---- CanvasInteraction ----

  press(at: Point, hit: string | null, event: PointerEvent): Gesture | null {
    const scene = this.canvas.currentScene;
    if (!scene || !this.doc || this.readOnly) return null;
    const zoom = this.canvas.zoom;
    const show = (p: gesture.Preview) => {
      this.preview = p;
    };
    const finish: gesture.Finish = (command) => {
      this.preview = gesture.NO_PREVIEW;
      this.canvas.requestDraw();
      if (command) void this.run(command);
    };
    const tool = this.tool;
    if (tool && "place" in tool) {
      this.tool = null;
      this.palette.setArmed(null);
      const placed = placeNode(scene, tool.place, at, this.host.callTarget(), BORDER_REACH_PX / zoom);
      if (!placed) return null;
      this.preview = gesture.NO_PREVIEW;
      return gesture.click(() => void this.run(placed.command, [placed.id]).then((ok) => ok && this.startRename(placed.id)));
    }
    if (tool && "connectFrom" in tool) {
      this.tool = null;
      const source = connectable(scene, tool.connectFrom);
      if (!source) return null;
      const line = newId();
      const doc = this.doc;
      let refused = "";
      // A sequence flow, a message flow or an association, whichever joins these two ends.
      const make = (target: string): Command | null => {
        const made = connection(doc.process, doc.names, source.id, target, line);
        if ("refused" in made) refused = made.refused;
        return "command" in made ? made.command : null;
      };
      // The new line is selected, so its label and condition can be typed straight away.
      const connected: gesture.Finish = (command) => {
        this.preview = gesture.NO_PREVIEW;
        this.canvas.requestDraw();
        this.host.status(refused);
        if (command) void this.run(command, [line]);
      };
      const g = gesture.connect(source, show, (p) => this.canvas.hitAt(p), make, connected);
      g.move(at, event);
      return g;
    }
    const flow = this.selectedFlow(scene);
    if (flow) {
      const handle = gesture.nearHandle(gesture.bendHandles(flow), at, zoom);
      if (handle >= 0) return gesture.moveBend(flow, handle, show, finish);
    }
    // A lane's lower edge resizes it, in its header too; a step lying on the edge wins.
    const border = gesture.laneBorderAt(scene, at, zoom);
    const onStep = hit !== null && scene.nodes.some((n) => n.id === hit);
    if (border && !onStep) return gesture.resizeLane(border, MIN_LANE_HEIGHT, show, finish);
    if (hit === null) {
      if (!event.shiftKey) return null;
      return gesture.rubberBand(scene, at, show, (ids) => this.select(ids), finish);
    }
    if (event.shiftKey) {
      const next = this.selection.includes(hit) ? this.selection.filter((id) => id !== hit) : [...this.selection, hit];
      this.select(next);
      return gesture.click(finish);
    }
    const lane = scene.lanes.find((l) => l.id === hit);
    if (lane) {
      this.select([lane.id]);
      return gesture.reorderBand(scene.lanes, lane, at, zoom, show, finish, (lanes) => ({ command: "reorder_lanes", lanes }));
    }
    const pool = scene.pools.find((p) => p.id === hit);
    if (pool) {
      this.select([pool.id]);
      const process = this.doc.process;
      return gesture.reorderBand(scene.pools, pool, at, zoom, show, finish, (order) => reorderPools(process, order));
    }
    const node = scene.nodes.find((n) => n.id === hit);
    const again = this.lastPress?.id === hit && event.timeStamp - this.lastPress.at < DOUBLE_PRESS_MS;
    this.lastPress = { id: hit, at: event.timeStamp };
    if (node && again && opensPlane(this.doc.process, node.id)) {
      this.lastPress = null;
      this.openPlane(node.id);
      return null;
    }
    if (node) {
      if (!this.selection.includes(node.id)) this.select([node.id]);
      const nodes = this.doc.process.nodes;
      const moving = scene.nodes.filter((n) => this.selection.includes(n.id) && !carried(nodes, this.selection, n.id));
      return gesture.moveNodes(scene, moving, at, zoom, show, finish);
    }
    this.select([hit]);
    const artifact = scene.artifacts.find((a) => a.id === hit);
    return artifact ? gesture.moveArtifact(scene, artifact, at, zoom, show, finish) : gesture.click(finish);
  }

  paint(ctx: CanvasRenderingContext2D, zoom: number): void {
    const { boxes, line } = this.preview;
    // What the preview shows, for tests: outlines ("box"), a connecting line, or nothing.
    this.canvas.element.dataset.preview = [boxes.length > 0 ? "box" : "", line ? "line" : ""].filter(Boolean).join(" ");
    const scene = this.canvas.currentScene;
    paintPreview(ctx, zoom, this.preview, scene?.bounds.w ?? 0, scene ? this.selectedFlow(scene) : null);
  }

  framed(): void {
    this.placePad();
  }

  /** With a palette item armed, a ghost of it follows the pointer; with a connection started, a line does. */
  hover(at: Point | null): boolean {
    const tool = this.tool;
    if (tool && "place" in tool) {
      this.ghostAt(tool.place, at);
      return true;
    }
    const source = tool && "connectFrom" in tool ? this.canvas.currentScene?.nodes.find((n) => n.id === tool.connectFrom) : undefined;
    if (source) this.preview = { ...gesture.NO_PREVIEW, line: at ? [center(source.rect), at] : null };
    return source !== undefined;
  }

  /** Shows where an element of `kind` would land if placed at world point `at` (null: nowhere). */
  private ghostAt(kind: NewKind, at: Point | null): void {
    const scene = this.canvas.currentScene;
    const box = scene && at ? ghostBox(scene, kind, at) : null;
    this.preview = box ? { ...gesture.NO_PREVIEW, boxes: [box] } : gesture.NO_PREVIEW;
    this.canvas.requestDraw();
  }

  // ---- commands ----

  /** Sends one gesture's command; selects `select` afterwards when given. */
  async run(command: Command, select?: string[]): Promise<boolean> {
    const doc = this.doc;
    if (!doc || this.readOnly) return false;
    const declared = doc.process.info.variables;
    const applied = await doc.run(this.plane ? intoPlane(command, this.plane) : command);
    if (applied && command.command !== "update_info") this.announceDeclared(declared);
    if (applied && select) {
      this.select(select);
      if (select.length === 1) this.canvas.reveal(select[0]!, true);
    }
    return applied;
  }

  /** The core declares the variables a condition reads that the process lacks: say which. */
  private announceDeclared(before: readonly Variable[]): void {
    const added = (this.doc?.process.info.variables ?? []).filter((v) => !before.some((b) => b.name === v.name));
    if (added.length > 0) this.host.status(`Declared ${added.map((v) => `${v.name} (${v.type})`).join(", ")}, read by the condition; edit it in the process's variables`);
  }

  undo(): void {
    void this.doc?.undo();
  }

  redo(): void {
    void this.doc?.redo();
  }

  /**
   * Deletes the selection: nodes with their flows, flows, message flows, data and notes, lanes
   * with their steps and pools with their lanes and message flows (asked first when a lane or
   * pool takes steps or message flows with it).
   */
  async deleteSelection(): Promise<void> {
    const doc = this.doc;
    if (!doc || this.readOnly || this.selection.length === 0) return;
    const { command, confirm } = removal(doc.process, doc.names, this.selection);
    if (!command) return;
    if (confirm && !(await this.host.confirm(confirm.title, confirm.body, "Delete"))) return;
    if (await this.run(command)) this.select([]);
  }

  copySelection(): boolean {
    const fragment = this.doc && copy(this.doc.process, this.selection);
    if (!fragment) return false;
    clipboard = { fragment, pastes: 0 };
    this.host.status(`Copied ${fragment.nodes.length} step${fragment.nodes.length === 1 ? "" : "s"}`);
    return true;
  }

  async cutSelection(): Promise<void> {
    if (this.copySelection()) await this.deleteSelection();
  }

  async paste(): Promise<void> {
    if (!this.doc || this.readOnly || !clipboard) return;
    clipboard.pastes += 1;
    const pasted = paste(this.doc.process, clipboard.fragment, clipboard.pastes);
    if (pasted) await this.run(pasted.command, pasted.ids);
  }

  /** Lays out the selected steps again, or the whole process when no step is selected: one undo step. */
  async tidyUp(): Promise<void> {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    const steps = new Set(doc.process.nodes.map((n) => n.id));
    const chosen = this.selection.filter((id) => steps.has(id));
    if (await doc.tidyUp(chosen)) this.host.status(chosen.length > 0 ? `Tidied up ${chosen.length} step${chosen.length === 1 ? "" : "s"}` : "Tidied up the process");
  }

  selectAll(): void {
    // What is drawn: with a sub-process open, only what is inside it.
    this.select(this.doc ? (this.canvas.currentScene?.nodes.map((n) => n.id) ?? []) : []);
  }

  async addLane(): Promise<void> {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    const p = doc.process;
    const order = p.lanes.reduce((max, l) => Math.max(max, l.order + 1), 0);
    const lane = { id: newId(), name: `Workflow ${p.lanes.length + 1}`, team: "", trigger: "", output: "", order };
    // Named, the new workflow hands the selection back to the step the user was building from.
    const step = this.selection.filter((id) => p.nodes.some((n) => n.id === id));
    const back = () => step.length > 0 && this.select(step);
    if (await this.run({ command: "add_lane", lane, height: NEW_LANE_HEIGHT }, [lane.id])) this.startRename(lane.id, back);
  }

  /** Adds a partner pool at the bottom: a black box, or with a lane for its steps. */
  async addPool(withLane: boolean): Promise<void> {
    const doc = this.doc;
    if (!doc || this.readOnly || this.plane) return;
    const added = partnerPool(doc.process, withLane);
    if (await this.run(added.command, [added.id])) this.host.status("Partner pool added: rename it in the properties, connect it with ➝");
  }

  /** Moves the selected lane or pool one place up (-1) or down (+1); false when neither is selected. */
  moveLane(by: -1 | 1): boolean {
    const doc = this.doc;
    const id = this.selection[0];
    if (!doc || this.readOnly || !id) return false;
    const command = moveBand(doc.process, id, by);
    if (command === undefined) return false;
    if (command) void this.run(command);
    return true;
  }

  async append(kind: NodeNewKind): Promise<void> {
    const scene = this.canvas.currentScene;
    const source = scene?.nodes.find((n) => n.id === this.selection[0]);
    if (!scene || !source) return;
    const appended = appendNode(scene, source, kind, this.host.callTarget());
    if (appended && (await this.run(appended.command, [appended.id]))) this.startRename(appended.id);
  }

  /** Puts a boundary timer on the selected activity's lower edge. */
  async attachTimer(): Promise<void> {
    const scene = this.canvas.currentScene;
    const host = scene?.nodes.find((n) => n.id === this.selection[0]);
    if (!scene || !host || !isActivity(host)) return;
    const attached = attachTimer(scene, host, newId());
    await this.run(attached.command, [attached.id]);
  }

  private padDragging(what: PadDragged, at: Point | null): void {
    const scene = this.canvas.currentScene;
    const source = scene?.nodes.find((n) => n.id === this.selection[0]);
    this.preview = scene && source && at ? padPreview(scene, source, what, at) : gesture.NO_PREVIEW;
    this.canvas.requestDraw();
  }

  private async padDropped(what: PadDragged, clientX: number, clientY: number): Promise<void> {
    const scene = this.canvas.currentScene;
    const doc = this.doc;
    const source = scene?.nodes.find((n) => n.id === this.selection[0]);
    if (!scene || !doc || !source || this.readOnly || !droppedOn(this.canvas.element, clientX, clientY)) return;
    const at = this.canvas.worldAt(clientX, clientY);
    const made = padDrop(doc.process, doc.names, scene, source, what, at, this.canvas.hitAt(at), this.host.callTarget());
    if (made && "refused" in made) this.host.status(made.refused);
    else if (made && (await this.run(made.command, [made.select])) && made.rename) this.startRename(made.select);
  }

  /** A palette item dragged onto the canvas and let go at a client point. */
  async drop(kind: NewKind, clientX: number, clientY: number): Promise<void> {
    const scene = this.canvas.currentScene;
    if (!scene || !this.doc || this.readOnly || !droppedOn(this.canvas.element, clientX, clientY)) return;
    this.arm(null);
    const at = this.canvas.worldAt(clientX, clientY);
    const placed = placeNode(scene, kind, at, this.host.callTarget(), BORDER_REACH_PX / this.canvas.zoom);
    this.preview = gesture.NO_PREVIEW;
    if (placed && (await this.run(placed.command, [placed.id]))) this.startRename(placed.id);
  }

  /** A palette key: arms that element, to be placed with Enter or an arrow beside the selection. */
  armKey(kind: NewKind): boolean {
    if (!this.doc || this.readOnly) return false;
    this.arm({ place: kind });
    this.host.status(`Enter or → places it after the selection (↓ / ↑ below / above it), or click where it goes; Escape cancels`);
    return true;
  }

  /** Enter or an arrow with an element armed: placed beside the selected step in its lane and connected from it. */
  placeArmed(side: Side): boolean {
    const tool = this.tool;
    const scene = this.canvas.currentScene;
    if (!tool || !("place" in tool) || !scene) return false;
    this.arm(null);
    this.host.status("");
    const source = scene.nodes.find((n) => n.id === this.selection[0]);
    const kind = tool.place;
    if (source && !isArtifactKind(kind)) {
      const appended = appendNode(scene, source, kind, this.host.callTarget(), side);
      if (appended) void this.run(appended.command, [appended.id]).then((ok) => ok && this.startRename(appended.id));
      return true;
    }
    // Nothing selected: in the middle of the view.
    const box = this.canvas.element.getBoundingClientRect();
    void this.drop(kind, box.left + box.width / 2, box.top + box.height / 2);
    return true;
  }

  /**
   * A new blank process: its one workflow's name is typed first, then Start is selected with
   * its pad, so the first step is one append away.
   */
  welcome(): void {
    const process = this.doc?.process;
    const start = process?.nodes.find((n) => n.kind.type === "start");
    const selectStart = () => start && this.select([start.id]);
    if (!process?.lanes[0] || !this.startRename(process.lanes[0].id, selectStart)) selectStart();
  }

  /** Renames a step, a workflow or a flow's label in place (double-click, F2, or just after placing it); `then` after Enter or Escape. */
  startRename(id: string | null = this.selection[0] ?? null, then?: () => void): boolean {
    const doc = this.doc;
    const scene = this.canvas.currentScene;
    if (!doc || !scene || this.readOnly || id === null) return false;
    const zoom = this.canvas.zoom;
    const onScreen = (r: { x: number; y: number; w: number; h: number }) => ({ ...this.canvas.clientAt(r), w: r.w * zoom, h: r.h * zoom });
    const node = doc.process.nodes.find((n) => n.id === id);
    const shape = scene.nodes.find((n) => n.id === id);
    if (node && shape) {
      this.renamer.open(onScreen(shape.rect), node.name, "Name of the step", (name) => void this.run({ command: "update_node", node: { ...node, name } }));
      return true;
    }
    const lane = doc.process.lanes.find((l) => l.id === id);
    const band = scene.lanes.find((l) => l.id === id);
    if (lane && band) {
      this.renamer.open(onScreen(band.header), lane.name, "Name of the workflow", (name) => void this.run({ command: "update_lane", lane: { ...lane, name } }), then);
      return true;
    }
    const flow = doc.process.flows.find((f) => f.id === id);
    const route = scene.flows.find((f) => f.id === id);
    if (flow && route) {
      this.renamer.open(onScreen(route.bbox), flow.label ?? "", "Label of the flow", (label) => void this.run({ command: "update_flow", flow: { ...flow, label } }));
      return true;
    }
    return false;
  }

  private doubleClicked(event: MouseEvent): void {
    const hit = this.canvas.hitAt(this.canvas.worldAt(event.clientX, event.clientY));
    if (hit === null || !this.doc || this.readOnly || opensPlane(this.doc.process, hit)) return;
    this.select([hit]);
    this.startRename(hit);
  }

  private openMenu(event: MouseEvent): void {
    event.preventDefault();
    if (!this.doc || this.readOnly) return;
    const hit = this.canvas.hitAt(this.canvas.worldAt(event.clientX, event.clientY));
    if (hit !== null && !this.selection.includes(hit)) this.select([hit]);
    if (hit === null) this.select([]);
    const scene = this.canvas.currentScene;
    this.menu.open(event.clientX, event.clientY, menuEntries(this, scene, hit, clipboard !== null));
  }

  startConnect(): void {
    const source = this.selection[0];
    if (!source || this.readOnly) return;
    this.arm({ connectFrom: source });
    this.host.status("Click the element to connect to: a step, or a pool or step of another pool for a message flow (Escape cancels)");
  }

  /** Cancels an armed palette item or connection; false if none was armed. */
  cancelTool(): boolean {
    this.preview = gesture.NO_PREVIEW;
    this.canvas.requestDraw();
    if (!this.tool) return false;
    this.arm(null);
    this.host.status("");
    return true;
  }

  async align(how: Alignment): Promise<void> {
    await this.arrange((boxes) => align(boxes, how));
  }

  async distribute(how: Spread): Promise<void> {
    await this.arrange((boxes) => distribute(boxes, how));
  }

  /** Moves the selected steps to the boxes `how` gives them: one undo step. */
  private async arrange(how: (boxes: Placed[]) => Placed[]): Promise<void> {
    const scene = this.canvas.currentScene;
    const command = scene && movesCommand(scene, how(boxesOf(scene, this.selection)));
    if (command) await this.run(command);
  }

  private arm(tool: typeof this.tool): void {
    this.tool = tool;
    this.palette.setArmed(tool && "place" in tool ? tool.place : null);
    this.canvas.element.classList.toggle("placing", tool !== null);
  }

  private selectedFlow(scene: Scene): FlowShape | null {
    if (this.selection.length !== 1) return null;
    return scene.flows.find((f) => f.id === this.selection[0]) ?? null;
  }

  /**
   * The context pad sits in a row just above the selection (flows mostly leave steps sideways,
   * so the row rarely hides the next step); several nodes get the arrange bar.
   */
  private placePad(): void {
    const scene = this.canvas.currentScene;
    if (!scene || this.readOnly || this.selection.length === 0) return this.pad.hide();
    const nodes = this.selection.map((id) => scene.nodes.find((n) => n.id === id)).filter((n): n is NodeShape => n !== undefined);
    const other = this.selection.length === 1 ? connectable(scene, this.selection[0]!) : null;
    const zoom = this.canvas.zoom;
    const onScreen = (r: { x: number; y: number; w: number; h: number }) => ({ ...this.canvas.clientAt(r), w: r.w * zoom, h: r.h * zoom });
    if (nodes.length === 0 && other) {
      // A pool, data or a note: connect it or delete it.
      const around = scene.nodes.map((n) => onScreen(n.bbox));
      return this.pad.show(onScreen(other.rect), around, "node", 1, { activity: false, opens: false, steps: false });
    }
    if (nodes.length === 0) return this.pad.hide();
    const last = nodes[nodes.length - 1]!;
    const others = [...scene.nodes.filter((n) => n !== last).map((n) => n.bbox), ...linesOf(scene, last.id)].map(onScreen);
    const one = nodes.length === 1;
    this.pad.show(onScreen(last.bbox), others, one ? "node" : "many", nodes.length, { activity: one && isActivity(last), opens: one && !!this.doc && opensPlane(this.doc.process, last.id) });
  }
}
