import type { Backend } from "../backend";
import type { FormDialog } from "./formDialog";

/** Help ▸ About: the version, the commit it was built from, the library format and where things are. */
export async function showAbout(backend: Backend, form: FormDialog): Promise<void> {
  const about = await backend.about();
  await form.ask({
    title: "About Flowlane",
    body: "An offline BPMN process designer.",
    facts: [
      ["Version", about.version],
      ["Commit", about.commit],
      ["Library format", String(about.library_format)],
      ["Data folder", about.data_folder],
      ["Library", about.library_path],
      ["Settings", about.settings_path],
    ],
    buttons: [{ label: "Close", value: "close", primary: true }],
  });
}
