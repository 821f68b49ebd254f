import type { Backend, MergeView } from "../backend";
import { toCommandError } from "../backend";
import { element } from "../panels/dom";

/**
 * The Sync button in the top bar: pulls others' versions and pushes local ones through the
 * linked git repository, shows progress while it runs and the result in one line after ("3 new
 * versions from 2 people"). Waiting merges go to the conflict view; a library not linked yet
 * gets a small form for the repository's path or URL.
 */
export class SyncControl {
  private busy = false;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly result: HTMLElement,
    private readonly linkForm: HTMLFormElement,
    private readonly backend: Backend,
    private readonly showMerges: (merges: MergeView[]) => void,
    private readonly synced: () => void,
    private readonly onError: (message: string, error: unknown) => void,
  ) {
    button.addEventListener("click", () => void this.press());
    linkForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.link();
    });
    linkForm.addEventListener("reset", () => (linkForm.hidden = true));
  }

  /** Shows merges left from an earlier session. */
  async start(): Promise<void> {
    try {
      const state = await this.backend.syncState();
      this.button.dataset.linked = String(state.remote !== null);
      this.button.title = state.remote ? `Pull and push through ${state.remote}` : "Link a shared git repository to sync with";
      if (state.merges.length > 0) {
        this.say(`${state.merges.length === 1 ? "A merge waits" : `${state.merges.length} merges wait`} for your choices`);
        this.showMerges(state.merges);
      }
    } catch {
      // An unreadable sync state leaves the button as it is; pressing it reports the cause.
    }
  }

  private say(text: string, state: "done" | "busy" | "error" = "done"): void {
    this.result.hidden = false;
    this.result.textContent = text;
    // The top bar may cut the line short; the whole of it stays one hover away.
    this.result.title = text;
    this.result.dataset.state = state;
  }

  private async press(): Promise<void> {
    if (this.busy) return;
    const state = await this.backend.syncState().catch(() => null);
    if (state && state.remote === null) {
      this.linkForm.hidden = false;
      this.linkForm.querySelector("input")?.focus();
      this.say("Not linked to a shared repository yet", "done");
      return;
    }
    this.busy = true;
    this.button.disabled = true;
    this.button.setAttribute("aria-busy", "true");
    this.say("Syncing with the shared repository…", "busy");
    try {
      const outcome = await this.backend.syncNow();
      this.say(outcome.summary);
      if (outcome.merges.length > 0) this.showMerges(outcome.merges);
      this.synced();
    } catch (error) {
      const { message } = toCommandError(error);
      this.say(`Sync failed: ${message}`, "error");
      this.onError("Sync failed", error);
    } finally {
      this.busy = false;
      this.button.disabled = false;
      this.button.removeAttribute("aria-busy");
    }
  }

  private async link(): Promise<void> {
    const input = this.linkForm.querySelector("input");
    const url = input?.value.trim() ?? "";
    if (url === "") return;
    try {
      const state = await this.backend.linkRemote(url);
      this.linkForm.hidden = true;
      this.button.dataset.linked = "true";
      this.button.title = `Pull and push through ${state.remote ?? url}`;
      this.say(`Linked to ${state.remote ?? url}; press Sync`);
    } catch (error) {
      this.say(`Not linked: ${toCommandError(error).message}`, "error");
    }
  }
}

/** The link form's markup, built here so index.html only holds its mount point. */
export function buildLinkForm(form: HTMLFormElement): void {
  const label = element("label", "sync-link-label", "Shared repository (path or URL)");
  const input = element("input", "sync-link-input");
  input.type = "text";
  input.id = "sync-link-url";
  input.placeholder = "/srv/share/processes.git or git@host:team/processes.git";
  label.htmlFor = input.id;
  const link = element("button", "button button-primary", "Link");
  link.type = "submit";
  const cancel = element("button", "button", "Cancel");
  cancel.type = "reset";
  form.replaceChildren(label, input, link, cancel);
}
