import { toCommandError, type Backend } from "../backend";
import type { BatchDialog } from "../batch/batchDialog";
import type { Canvas } from "../canvas";
import type { CompareMode } from "../compare/compareMode";
import type { Editor } from "../editor/editor";
import type { FindBox } from "../editor/findBox";
import type { HelpOverlay } from "../editor/helpOverlay";
import type { ExportMenu } from "../export/exportMenu";
import type { ConfirmDialog } from "../panels/confirmDialog";
import type { ErrorBanner } from "../panels/errorBanner";
import type { FormDialog } from "../panels/formDialog";
import type { HistoryPanel } from "../panels/historyPanel";
import type { LibraryActions } from "../panels/libraryActions";
import type { PanelFolding } from "../panels/panelFolding";
import type { ProcessHeader } from "../panels/processHeader";
import type { ProcessList } from "../panels/processList";
import type { CounterexamplePlayer } from "../problems/counterexamplePlayer";
import type { LiveValidation } from "../problems/liveValidation";
import type { ProblemsPanel } from "../problems/problemsPanel";
import type { PropertiesPanel } from "../properties/propertiesPanel";
import type { RealityPanel } from "../reality/realityPanel";
import type { SimulationMode } from "../simulation/simulationMode";
import type { AppModes } from "./mode";
import type { Screen } from "./screen";

/** The window's components, built once by `App`; the app's pieces reach each other through it. */
export interface Parts {
  readonly backend: Backend;
  readonly screen: Screen;
  readonly modes: AppModes;
  readonly canvas: Canvas;
  readonly editor: Editor;
  readonly properties: PropertiesPanel;
  readonly header: ProcessHeader;
  readonly banner: ErrorBanner;
  readonly dialog: ConfirmDialog;
  readonly form: FormDialog;
  readonly list: ProcessList;
  readonly libraryActions: LibraryActions;
  readonly history: HistoryPanel;
  readonly compare: CompareMode;
  readonly simulation: SimulationMode;
  readonly counterexample: CounterexamplePlayer;
  readonly problems: ProblemsPanel;
  readonly validation: LiveValidation;
  readonly exportMenu: ExportMenu;
  readonly batch: BatchDialog;
  readonly reality: RealityPanel;
  readonly findBox: FindBox;
  readonly help: HelpOverlay;
  readonly folding: PanelFolding;
}

/** How long a message the user should read stays before a routine note may replace it. */
const HOLD_MS = 4000;

/**
 * Says `message` in the status bar. `hold`: what an edit did ("Declared amount (number)…"),
 * which a routine note (`note`) does not replace for a few seconds, so it can be read.
 */
export function say(parts: Pick<Parts, "screen">, message: string, hold = false): void {
  const status = parts.screen.statusText;
  status.textContent = message;
  status.dataset.heldUntil = hold ? String(Date.now() + HOLD_MS) : "";
}

/** A routine note ("Draft saved …"), unless a message the user should read was said moments ago. */
export function note(parts: Pick<Parts, "screen">, message: string): void {
  if (Date.now() < Number(parts.screen.statusText.dataset.heldUntil || 0)) return;
  say(parts, message);
}

/** Shows `error` in the banner, headed by `message`. */
export function fail(parts: Pick<Parts, "banner">, error: unknown, message: string): void {
  parts.banner.show(toCommandError(error), message);
}
