/** The element `index.html` gives id `id`; a missing one is a broken page, so it throws. */
export function required<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el as T;
}

/** Every element of `index.html` the app wires up, looked up once at start. */
export function findScreen() {
  return {
    canvasHost: required("canvas-host"),
    palette: required("palette"),
    contextPad: required("context-pad"),
    findHost: required("find-host"),
    emptyState: required("empty-state"),
    zoomControls: required("zoom-controls"),
    zoomLevel: required<HTMLOutputElement>("zoom-level"),
    zoomIn: required<HTMLButtonElement>("zoom-in"),
    zoomOut: required<HTMLButtonElement>("zoom-out"),
    zoomFit: required<HTMLButtonElement>("zoom-fit"),
    status: required("status-text"),
    processHeader: required("process-header"),
    errorBanner: required("error-banner"),
    tamperBanner: required("tamper-banner"),
    processList: required<HTMLUListElement>("process-list"),
    libraryPath: required("library-path"),
    libraryNote: required("library-note"),
    newProcess: required("new-process"),
    importBpmn: required("import-bpmn"),
    duplicateProcess: required<HTMLButtonElement>("duplicate-process"),
    archiveProcess: required<HTMLButtonElement>("archive-process"),
    undo: required<HTMLButtonElement>("undo"),
    redo: required<HTMLButtonElement>("redo"),
    saveVersion: required<HTMLButtonElement>("save-version"),
    draftNote: required("draft-note"),
    propertiesPanel: required("properties-panel"),
    simulateToggle: required<HTMLButtonElement>("simulate-toggle"),
    simulationPanel: required("simulation-panel"),
    simulationLog: required("sim-log"),
    batchOpen: required<HTMLButtonElement>("batch-open"),
    problemsToggle: required<HTMLButtonElement>("problems-toggle"),
    problemsPanel: required("problems-panel"),
    problemSummary: required<HTMLButtonElement>("problem-summary"),
    problemCount: required("problems-count"),
    counterexampleBar: required("counterexample-bar"),
    historyToggle: required<HTMLButtonElement>("history-toggle"),
    historyPanel: required("history-panel"),
    compareBar: required("compare-bar"),
    changeList: required("change-list"),
    textDiff: required("text-diff"),
    syncPanel: required("sync-panel"),
    syncButton: required<HTMLButtonElement>("sync-button"),
    syncResult: required("sync-result"),
    syncLinkForm: required<HTMLFormElement>("sync-link-form"),
  };
}

export type Screen = ReturnType<typeof findScreen>;
