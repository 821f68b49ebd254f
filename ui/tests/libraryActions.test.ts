// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import type { Backend, PickedBpmn } from "../src/backend";
import type { ProcessSummary } from "../src/generated/ProcessSummary";
import type { ConfirmDialog } from "../src/panels/confirmDialog";
import type { Answer, Form, FormDialog } from "../src/panels/formDialog";
import { LibraryActions } from "../src/panels/libraryActions";

const payables: ProcessSummary = { id: "ap", name: "Accounts payable", category: "operational", owner: "", latest: 2, saved_at: null, has_draft: false, archived: false };

/** The actions over a fake shell and form that gives `answer` when asked. */
function actions(picked: PickedBpmn | null, answer: Partial<Answer> | null) {
  const asked: Form[] = [];
  const backend = {
    pickBpmn: vi.fn(async () => picked),
    importBpmn: vi.fn(async (_path: string, into: string | null) => into ?? "new-id"),
  };
  const form = {
    ask: vi.fn(async (f: Form) => {
      asked.push(f);
      return { button: "cancel", text: "", choice: "", ...answer } as Answer;
    }),
  };
  const host = { shown: () => null, processes: () => [payables], refresh: vi.fn(async () => {}), open: vi.fn(async () => {}), status: vi.fn(), failed: vi.fn() };
  const buttons = { create: document.createElement("button"), importBpmn: document.createElement("button"), duplicate: document.createElement("button"), archive: document.createElement("button") };
  const library = new LibraryActions(backend as unknown as Backend, form as unknown as FormDialog, {} as ConfirmDialog, host, buttons);
  return { backend, asked, host, buttons, library };
}

/** Import clicked with `picked` chosen in the file dialog and `answer` given to the form (if asked). */
async function importing(picked: PickedBpmn | null, answer: Partial<Answer> | null) {
  const { backend, asked, host, buttons } = actions(picked, answer);
  buttons.importBpmn.click();
  await vi.waitFor(() => expect(backend.pickBpmn).toHaveBeenCalled());
  await new Promise((r) => setTimeout(r, 0));
  return { backend, asked, host };
}

describe("importing a BPMN file", () => {
  it("makes a foreign file a new process without asking", async () => {
    const { backend, asked } = await importing({ path: "/tmp/vendor.bpmn", name: "Vendor", exported_from: null, warnings: [] }, null);
    expect(asked).toHaveLength(0);
    expect(backend.importBpmn).toHaveBeenCalledWith("/tmp/vendor.bpmn", null);
  });

  it("offers a file exported from this library as a new version of its process, first", async () => {
    const picked = { path: "/tmp/ap.bpmn", name: "Accounts payable", exported_from: payables, warnings: [] };
    const { backend, asked } = await importing(picked, { button: "import", choice: "ap" });
    expect(asked[0]!.choice!.value).toBe("ap");
    expect(asked[0]!.choice!.options.map((o) => o.label)).toEqual(["New version of Accounts payable", "New process"]);
    expect(backend.importBpmn).toHaveBeenCalledWith("/tmp/ap.bpmn", "ap");
  });

  it("imports it as a new process when the user picks that, and not at all on cancel", async () => {
    const picked = { path: "/tmp/ap.bpmn", name: "Accounts payable", exported_from: payables, warnings: [] };
    const asNew = await importing(picked, { button: "import", choice: "" });
    expect(asNew.backend.importBpmn).toHaveBeenCalledWith("/tmp/ap.bpmn", null);
    const cancelled = await importing(picked, { button: "cancel" });
    expect(cancelled.backend.importBpmn).not.toHaveBeenCalled();
  });

  it("says what a foreign file leaves out before importing it, and imports nothing on cancel", async () => {
    const warning = 'line 14, <BPMNShape id="Gone_di">: draws `Gone`, but no element has that id; it is left out';
    const picked = { path: "/tmp/vendor.bpmn", name: "Vendor", exported_from: null, warnings: [warning] };
    const imported = await importing(picked, { button: "import" });
    expect(imported.asked[0]!.warnings).toEqual([warning]);
    expect(imported.backend.importBpmn).toHaveBeenCalledWith("/tmp/vendor.bpmn", null);
    const cancelled = await importing(picked, { button: "cancel" });
    expect(cancelled.backend.importBpmn).not.toHaveBeenCalled();
  });

  it("does nothing when the file dialog is cancelled", async () => {
    const { backend, asked } = await importing(null, null);
    expect(asked).toHaveLength(0);
    expect(backend.importBpmn).not.toHaveBeenCalled();
  });
});

describe("importing a BPMN file handed over at launch", () => {
  const vendor = { path: "/home/me/vendor.bpmn", name: "Vendor", exported_from: null, warnings: [] };

  it("always asks first, naming the file, since nobody picked it in this window", async () => {
    const { backend, asked, library } = actions(null, { button: "import" });
    await library.importHandedOver(vendor);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.title).toBe("Import Vendor");
    expect(asked[0]!.body).toBe("From /home/me/vendor.bpmn. The file imports as a new process.");
    expect(backend.importBpmn).toHaveBeenCalledWith("/home/me/vendor.bpmn", null);
  });

  it("imports nothing on cancel, and nothing into a read-only library", async () => {
    const cancelled = actions(null, { button: "cancel" });
    await cancelled.library.importHandedOver(vendor);
    expect(cancelled.backend.importBpmn).not.toHaveBeenCalled();
    expect(cancelled.host.status).toHaveBeenCalledWith("Vendor was not imported");
    const readOnly = actions(null, { button: "import" });
    readOnly.library.setReadOnly(true);
    await readOnly.library.importHandedOver(vendor);
    expect(readOnly.asked).toHaveLength(0);
    expect(readOnly.backend.importBpmn).not.toHaveBeenCalled();
    expect(readOnly.host.failed).toHaveBeenCalledWith(expect.objectContaining({ code: "read_only" }), "Vendor was not imported");
  });
});
