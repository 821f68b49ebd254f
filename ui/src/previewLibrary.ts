import type { Process } from "./generated/Process";
import { MockBackend } from "./mockBackend";

/** The sample processes as an in-memory library, for `npm run dev` outside the desktop shell. */
export function previewLibrary(): MockBackend {
  const files = import.meta.glob<Process>("../../samples/*.json", { eager: true, import: "default" });
  // Sorted by file name, so accounts-payable.v1 becomes version 1 and v2 version 2.
  const processes = Object.keys(files)
    .sort()
    .map((name) => files[name]!);
  return new MockBackend(processes, { path: "samples (preview, in memory)", author: "Sample author" });
}
