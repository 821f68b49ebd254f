/** How far the pointer must travel from a button before it counts as a drag. */
const DRAG_START_PX = 6;

/**
 * Lets a toolbar button be dragged as well as clicked (the palette's items, the context pad's
 * appends and connect): `over` follows the pointer once it has travelled past a few pixels
 * (null when the drag ends), `dropped` gets where it was let go. Returns whether the last press
 * was a drag, for the click that follows it to be ignored.
 */
export function draggable(button: HTMLElement, over: (clientX: number | null, clientY: number | null) => void, dropped: (clientX: number, clientY: number) => void): () => boolean {
  let dragged = false;
  button.addEventListener("pointerdown", (down) => {
    if (down.button !== 0) return;
    dragged = false;
    const move = (e: PointerEvent) => {
      if (Math.hypot(e.clientX - down.clientX, e.clientY - down.clientY) > DRAG_START_PX) dragged = true;
      if (dragged) over(e.clientX, e.clientY);
    };
    const up = (e: PointerEvent) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      if (!dragged) return;
      over(null, null);
      dropped(e.clientX, e.clientY);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  });
  return () => {
    const was = dragged;
    dragged = false;
    return was;
  };
}

/** True when a drag let go at a client point is over `target` (the canvas). */
export function droppedOn(target: Element, clientX: number, clientY: number): boolean {
  const box = target.getBoundingClientRect();
  return clientX >= box.left && clientX <= box.right && clientY >= box.top && clientY <= box.bottom;
}
