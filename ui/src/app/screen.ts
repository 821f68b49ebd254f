/** The element `index.html` gives id `id`; a missing one is a broken page, so it throws. */
export function required<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el as T;
}

/** `canvas-host` → `canvasHost`. */
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** The elements with these ids, each under its id in camel case; one of another kind than `kind` is a broken page. */
function lookUp<T extends HTMLElement, const Ids extends readonly string[]>(kind: abstract new () => T, ids: Ids): { [Id in Ids[number] as Camel<Id>]: T } {
  const found: Record<string, T> = {};
  for (const id of ids) {
    const el = required(id);
    if (!(el instanceof kind)) throw new Error(`#${id} in index.html is not a ${kind.name}`);
    found[id.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = el;
  }
  return found as { [Id in Ids[number] as Camel<Id>]: T };
}

/** Every element of `index.html` the app wires up, looked up once at start. */
export function findScreen() {
  return {
    ...lookUp(HTMLElement, [
      "canvas-host", "canvas-stage", "minimap-host", "library-sidebar", "palette", "context-pad", "find-host", "empty-state", "zoom-controls", "status-text", "draft-note", "stale-draft",
      "process-header", "error-banner", "tamper-banner", "read-only-banner", "library-path", "library-note", "new-process", "import-bpmn",
      "properties-panel", "simulation-panel", "sim-log", "problems-panel", "problems-count", "counterexample-bar",
      "history-panel", "compare-bar", "change-list", "text-diff", "sync-panel", "sync-result", "reality-panel",
    ]),
    ...lookUp(HTMLButtonElement, [
      "zoom-in", "zoom-out", "zoom-fit", "duplicate-process", "archive-process", "undo", "redo", "save-version",
      "simulate-toggle", "batch-open", "reality-open", "sidebar-toggle", "properties-toggle", "problems-toggle", "problem-summary", "history-toggle", "sync-button",
    ]),
    processList: required<HTMLUListElement>("process-list"),
    processFilter: required<HTMLInputElement>("process-filter"),
    processFilterNote: required<HTMLElement>("process-filter-note"),
    zoomLevel: required<HTMLOutputElement>("zoom-level"),
    syncLinkForm: required<HTMLFormElement>("sync-link-form"),
  };
}

export type Screen = ReturnType<typeof findScreen>;
