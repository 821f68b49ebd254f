import type { CommandError } from "./generated/CommandError";
import type { LibraryOverview } from "./generated/LibraryOverview";
import type { LoadedVersion } from "./generated/LoadedVersion";

export type { CommandError, LibraryOverview, LoadedVersion };

/** Everything the UI asks of the library. One Tauri and one in-memory implementation. */
export interface Backend {
  libraryOverview(): Promise<LibraryOverview>;
  /** Loads one saved version; without `version` the latest. */
  loadProcess(id: string, version?: number): Promise<LoadedVersion>;
}

type Invoke = (command: string, args?: Record<string, unknown>) => Promise<unknown>;

declare global {
  interface Window {
    __TAURI__?: { core: { invoke: Invoke } };
  }
}

export class TauriBackend implements Backend {
  constructor(private readonly invoke: Invoke) {}

  libraryOverview(): Promise<LibraryOverview> {
    return this.call("library_overview") as Promise<LibraryOverview>;
  }

  loadProcess(id: string, version?: number): Promise<LoadedVersion> {
    return this.call("load_process", { id, version: version ?? null }) as Promise<LoadedVersion>;
  }

  private async call(command: string, args?: Record<string, unknown>): Promise<unknown> {
    try {
      return await this.invoke(command, args);
    } catch (error) {
      throw toCommandError(error);
    }
  }
}

/** The Tauri backend when running inside the shell, otherwise none. */
export function shellBackend(): Backend | null {
  const invoke = window.__TAURI__?.core?.invoke;
  return invoke ? new TauriBackend(invoke) : null;
}

/** Commands reject with `{code, message}`, but IPC failures (unknown command, panics) reject with a bare string. */
export function toCommandError(error: unknown): CommandError {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as Partial<CommandError>;
    if (typeof message === "string") {
      return { code: typeof code === "string" ? code : "unknown", message };
    }
    if (error instanceof Error) return { code: "unknown", message: error.message };
  }
  if (typeof error === "string") return { code: "unknown", message: error };
  return { code: "unknown", message: String(error) };
}
