import type { Point } from "./geometry";

/**
 * How an editor takes part in pointer input: a press may start a gesture that owns the drag
 * (moving nodes, drawing a rubber band); without one the press pans and a click selects.
 */
export interface CanvasInteraction {
  press(at: Point, hit: string | null, event: PointerEvent): Gesture | null;
  /** Drawn over the diagram each frame, in world coordinates (drag previews, guides). */
  paint?(ctx: CanvasRenderingContext2D, zoom: number): void;
  /** Called after each frame, e.g. to keep DOM controls beside what they belong to. */
  framed?(): void;
  /** The pointer moved over the canvas with no button down (null: it left), e.g. for a ghost; true: repaint. */
  hover?(at: Point | null): boolean;
}

export interface Gesture {
  move(at: Point, event: PointerEvent): void;
  /** `cancelled` when the pointer was lost or Escape was pressed: undo any preview, change nothing. */
  end(at: Point, event: PointerEvent | null, cancelled: boolean): void;
}
