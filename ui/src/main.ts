import "./styles.css";
import "./controls.css";
import "./history.css";
import "./compare.css";
import "./problems.css";
import "./tamper.css";
import "./simulation.css";
import "./editor.css";
import "./properties.css";
import "./helpOverlay.css";
import "./findBox.css";
// Before the components that import them too, so the cascade keeps this order.
import "./export/export.css";
import "./batch/batch.css";
import "./sync/sync.css";
import "./reality/reality.css";
import { App } from "./app/app";
import { required } from "./app/screen";
import { shellBackend, toCommandError, type Backend } from "./backend";
import { ErrorBanner } from "./panels/errorBanner";

async function chooseBackend(): Promise<Backend | null> {
  const shell = shellBackend();
  if (shell) return shell;
  // `npm run dev` in a plain browser gets the sample library; production builds drop this branch.
  if (import.meta.env.DEV) return (await import("./previewLibrary")).previewLibrary();
  return null;
}

async function main(): Promise<void> {
  const backend = await chooseBackend();
  if (!backend) {
    new ErrorBanner(required("error-banner")).show({
      code: "no_shell",
      message: "Flowlane's library can only be opened from the desktop app.",
    });
    return;
  }
  await new App(backend).start();
}

main().catch((error: unknown) => {
  // Last resort: never leave a blank window without saying why.
  const banner = document.getElementById("error-banner");
  if (banner) new ErrorBanner(banner).show(toCommandError(error), "Flowlane could not start");
});
