/** An element with text content and optional class, the building block of every panel. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A table row of header cells with these titles. */
export function headRow(titles: readonly string[]): HTMLTableRowElement {
  const tr = element("tr");
  for (const t of titles) tr.append(element("th", undefined, t));
  return tr;
}
