/**
 * Shows or hides a side panel and keeps its toolbar button and the keyboard focus in step:
 * opening with `focusInside` moves the keyboard into the panel; closing hands focus back to the
 * button when the panel had it (so focus never falls out of the window).
 */
export function setPanelOpen(
  panel: HTMLElement,
  toggleButton: HTMLElement,
  open: boolean,
  focus: boolean,
  focusInside: HTMLElement,
): void {
  const hadFocus = panel.contains(document.activeElement);
  panel.hidden = !open;
  toggleButton.setAttribute("aria-pressed", String(open));
  if (open && focus) focusInside.focus();
  if (!open && (focus || hadFocus)) toggleButton.focus();
}
