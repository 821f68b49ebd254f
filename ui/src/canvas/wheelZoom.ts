import type { Point } from "./geometry";

/** WebKit's non-standard pinch event (not in the DOM typings). */
interface GestureEvent extends UIEvent {
  scale: number;
  clientX: number;
  clientY: number;
}

/** Zoom per unit of wheel delta: a mouse notch (≈100) is ~14 %, a pinch gesture sends small deltas. */
const WHEEL_ZOOM_RATE = 0.0015;
const PINCH_ZOOM_RATE = 0.01;

/**
 * Wheel, trackpad pinch and WebKit gesture events zoom `el` around the pointer, so the point
 * under it stays put. `zoomBy` gets the factor and the anchor in the element's own pixels.
 */
export function listenForWheelZoom(el: HTMLElement, pageHeight: () => number, zoomBy: (factor: number, anchor: Point) => void): void {
  const anchorOf = (event: { clientX: number; clientY: number }): Point => {
    const bounds = el.getBoundingClientRect();
    return { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
  };
  el.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? pageHeight() : 1;
      // Trackpad pinch arrives as a wheel event with ctrlKey set.
      const rate = event.ctrlKey ? PINCH_ZOOM_RATE : WHEEL_ZOOM_RATE;
      zoomBy(Math.exp(-event.deltaY * unit * rate), anchorOf(event));
    },
    { passive: false },
  );
  // WebKit on macOS reports trackpad pinches as gesture events rather than ctrl+wheel.
  let gestureScale = 1;
  const onGesture = (event: GestureEvent): void => {
    event.preventDefault();
    if (event.type === "gesturestart") {
      gestureScale = 1;
      return;
    }
    zoomBy(event.scale / gestureScale, anchorOf(event));
    gestureScale = event.scale;
  };
  el.addEventListener("gesturestart", onGesture as EventListener);
  el.addEventListener("gesturechange", onGesture as EventListener);
}
