/** Colours, fonts and sizes of the diagram, in world units (they scale with zoom). */

// No web fonts (offline, strict CSP): the first family the desktop has wins.
const FAMILY = '"Segoe UI", Cantarell, "Noto Sans", "Liberation Sans", system-ui, sans-serif';

export const fontSize = {
  laneName: 14,
  laneDetail: 11.5,
  nodeName: 12.5,
  nodeDetail: 10.5,
  caption: 11.5,
  flowLabel: 11,
  condition: 10.5,
  badge: 9.5,
} as const;

export const font = {
  laneName: `600 ${fontSize.laneName}px ${FAMILY}`,
  laneTeam: `${fontSize.laneDetail}px ${FAMILY}`,
  laneDetail: `${fontSize.laneDetail}px ${FAMILY}`,
  nodeName: `500 ${fontSize.nodeName}px ${FAMILY}`,
  nodeDetail: `${fontSize.nodeDetail}px ${FAMILY}`,
  caption: `${fontSize.caption}px ${FAMILY}`,
  flowLabel: `${fontSize.flowLabel}px ${FAMILY}`,
  condition: `${fontSize.condition}px ${FAMILY}`,
  badge: `600 ${fontSize.badge}px ${FAMILY}`,
} as const;

export const lineHeight = {
  laneName: 17,
  laneDetail: 15,
  nodeName: 15,
  caption: 14,
  flowText: 13,
} as const;

export const colour = {
  canvas: "#eef1f5",
  laneEven: "#ffffff",
  laneOdd: "#f6f8fb",
  laneBorder: "#d5dbe4",
  header: "#e9eef5",
  headerBorder: "#c9d2de",
  pinnedShadow: "rgba(16, 24, 40, 0.07)",
  laneName: "#1c2633",
  laneTeam: "#3d4a5c",
  laneDetail: "#5f6b7c",
  laneDetailKey: "#3d4a5c",
  shapeFill: "#ffffff",
  shapeStroke: "#55657b",
  nodeName: "#1c2633",
  nodeDetail: "#667386",
  startStroke: "#2f7d52",
  startFill: "#f1f9f4",
  endStroke: "#a8393a",
  endFill: "#fcf1f1",
  gatewayFill: "#fffaf0",
  gatewayStroke: "#a0782c",
  callStroke: "#34445a",
  flow: "#5a6678",
  flowLabel: "#2b3645",
  condition: "#6d7888",
  halo: "rgba(255, 255, 255, 0.85)",
  slaFill: "#fff3de",
  slaStroke: "#d9a24a",
  slaText: "#7a4f07",
} as const;

/**
 * Comparison colours, one per `Highlight`: `stroke` rings and lines, `soft` halos, `header` a
 * lane's header column, `band` a whole lane. The legend (compare.css) uses the same strokes.
 */
export const overlay = {
  added: { stroke: "#2e9a5a", soft: "rgba(46, 154, 90, 0.2)", header: "#dcefe3", band: "rgba(46, 154, 90, 0.07)" },
  removed: { stroke: "#d0453f", soft: "rgba(208, 69, 63, 0.12)", header: "#f8e1df", band: "rgba(208, 69, 63, 0.05)" },
  changed: { stroke: "#d98a0b", soft: "rgba(217, 138, 11, 0.22)", header: "#f9ead0", band: "rgba(217, 138, 11, 0.07)" },
  moved: { stroke: "#2f6fdb", soft: "rgba(47, 111, 219, 0.18)", header: "#dfe8f8", band: "rgba(47, 111, 219, 0.06)" },
  active: { stroke: "#7a3fd1", soft: "rgba(122, 63, 209, 0.18)", header: "#ebe1f8", band: "rgba(122, 63, 209, 0.07)" },
  breach: { stroke: "#cf3b35", soft: "rgba(207, 59, 53, 0.18)", header: "#f8e1df", band: "rgba(207, 59, 53, 0.05)" },
  taken: { stroke: "#1f8a9e", soft: "rgba(31, 138, 158, 0.32)", header: "#dcf0f3", band: "rgba(31, 138, 158, 0.06)" },
} as const;

/** Problem badges (problems.css uses the same colours) and the selection ring. */
export const marker = {
  error: "#cf3b35",
  warning: "#d98a0b",
  selection: "#1c2633",
  selectionHalo: "rgba(28, 38, 51, 0.12)",
} as const;

/** Below these zoom levels the named detail is skipped: unreadable text only costs frame time. */
export const detailZoom = {
  names: 0.22,
  smallText: 0.34,
  flowDecorations: 0.18,
} as const;
