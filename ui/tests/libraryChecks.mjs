// Browser checks of the library as others see it: versions saved by another process (the list,
// the history and the stale-draft flag catch up; saving over them asks first) and a library
// opened read-only (the banner says why; nothing is edited or saved).
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

function calls(page, command) {
  return page.evaluate((name) => window.__fakeShellCalls.filter((c) => c.command === name), command);
}

export async function libraryChecks({ browser, baseUrl, samples, screenshotDir, check, assert, openPage, openProcess, diagramData }) {
  const payablesId = samples.payablesV2.id;
  {
    const { page, context, problems } = await openPage(browser, baseUrl, sampleLibrary(samples));
    const shot = (name) => page.screenshot({ path: join(screenshotDir, name) });

    await check("save version: off on an unchanged working copy, saying why; Ctrl+S says so instead of asking", async () => {
      await openProcess(page, "Accounts payable");
      await page.waitForSelector("#save-version[disabled]");
      const title = await page.getAttribute("#save-version", "title");
      assert(title === "Nothing changed since v2", `tooltip: ${title}`);
      await page.keyboard.press("Control+s");
      await page.waitForFunction(() => document.querySelector("#status-text")?.textContent === "Nothing changed since v2");
      assert(await page.isHidden("#form-dialog"), "no message is asked for");
      await shot("save-version-unchanged.png");
    });

    await check("other writer: a version saved in a terminal shows in the list and history, and the draft is flagged", async () => {
      await page.click("#history-toggle");
      await page.waitForSelector('#history-panel li[data-version="2"]');
      assert(await page.isHidden("#stale-draft"), "no flag before anything changed");
      await page.evaluate((id) => window.__fakeShellSaveElsewhere(id, "Priya Raman", "Saved from a terminal"), payablesId);
      // The watch asks every two seconds while the window has focus.
      await page.waitForSelector('#history-panel li[data-version="3"]', { timeout: 8000 });
      const row = await page.textContent('#history-panel li[data-version="3"]');
      assert(/Saved from a terminal/.test(row) && /Priya Raman/.test(row), `v3 row: ${row}`);
      await page.waitForFunction((id) => document.querySelector(`#process-list li[data-process-id="${id}"] .version`)?.textContent === "v3", payablesId);
      await page.waitForSelector("#stale-draft:not([hidden])");
      const flag = await page.textContent("#stale-draft");
      assert(/^v3 was saved elsewhere since you started this draft \(it started from v2\):/.test(flag), `flag: ${flag}`);
      assert((await page.getAttribute("#stale-draft", "data-latest")) === "3", "the flag names v3");
      assert(await page.isVisible("#stale-draft .stale-compare") && await page.isVisible("#stale-draft .stale-keep"), "compare / keep editing offered");
      const data = await diagramData(page);
      assert(data.version === "2" && data.readOnly === "false", `the draft stays on the canvas, editable: ${JSON.stringify(data)}`);
      assert((await calls(page, "library_stamp")).length >= 2, "the stamp was polled");
      await shot("other-writer-flag.png");
    });

    await check("other writer: saving a stale draft asks first, naming the newer version; cancel saves nothing", async () => {
      await page.click("#save-version");
      await page.waitForSelector("#confirm-dialog:not([hidden])");
      const question = await page.textContent("#confirm-dialog");
      assert(/v3 was saved elsewhere/.test(question) && /Save over v3/.test(question) && /from v2/.test(question), `dialog: ${question}`);
      await shot("other-writer-save-confirm.png");
      await page.click('#confirm-dialog button[data-answer="cancel"]');
      await page.waitForSelector("#confirm-dialog", { state: "hidden" });
      assert(await page.isHidden("#form-dialog"), "no save form after cancelling");
      assert((await calls(page, "save_process_version")).length === 0, "nothing saved");
    });

    await check("other writer: confirming saves the draft on top of the newer version, and the flag goes", async () => {
      await page.click("#save-version");
      await page.click('#confirm-dialog button[data-answer="confirm"]');
      await page.waitForSelector('#form-dialog input[name="text"]');
      const form = await page.textContent("#form-dialog");
      assert(/as v4/.test(form), `the form names the next number: ${form}`);
      await page.fill('#form-dialog input[name="text"]', "Kept my working copy");
      await page.keyboard.press("Enter");
      await page.waitForSelector('#history-panel li[data-version="4"]');
      await page.waitForSelector("#stale-draft", { state: "hidden" });
      const saved = (await calls(page, "save_process_version")).at(-1);
      assert(saved?.args?.id === payablesId && saved.args.message === "Kept my working copy", `save_process_version: ${JSON.stringify(saved)}`);
    });

    await check("other writer: Keep editing hides the flag until yet another version arrives", async () => {
      const elsewhere = (message) => page.evaluate(([id, m]) => window.__fakeShellSaveElsewhere(id, "Priya Raman", m), [payablesId, message]);
      await elsewhere("Another one");
      await page.waitForSelector('#stale-draft[data-latest="5"]:not([hidden])', { timeout: 8000 });
      assert(/^v5 was saved elsewhere since you started this draft \(it started from v4\):/.test(await page.textContent("#stale-draft")), "the flag counts from the version just saved");
      await page.click("#stale-draft .stale-keep");
      await page.waitForSelector("#stale-draft", { state: "hidden" });
      await elsewhere("And another");
      await page.waitForSelector('#stale-draft[data-latest="6"]:not([hidden])', { timeout: 8000 });
    });

    await check("other writer: no page errors", async () => {
      assert(problems.length === 0, problems.join("\n"));
    });
    await context.close();
  }

  {
    const readOnly = { ...sampleLibrary(samples), readOnly: "it is on a read-only disk or mount" };
    const { page, context, problems } = await openPage(browser, baseUrl, readOnly);

    await check("read-only library: the banner says why and what works; the canvas opens read-only and saving is off", async () => {
      await page.waitForSelector("#read-only-banner:not([hidden])");
      const banner = await page.textContent("#read-only-banner");
      assert(
        banner === "This library is read-only: it is on a read-only disk or mount. You can browse, compare, simulate and export; saving is off.",
        `banner: ${banner}`,
      );
      await openProcess(page, "Accounts payable");
      const data = await diagramData(page);
      assert(data.version === "2" && data.readOnly === "true", `latest shown read-only: ${JSON.stringify(data)}`);
      assert(await page.isDisabled("#save-version"), "Save version is off");
      assert(await page.isDisabled("#new-process") && await page.isDisabled("#import-bpmn"), "New and Import are off");
      assert(await page.isEnabled("#simulate-toggle"), "simulation still works");
      assert((await calls(page, "open_editor")).length === 0, "no working copy is opened");
      await page.keyboard.press("Control+s");
      assert(await page.isHidden("#form-dialog"), "Ctrl+S asks nothing");
      await page.click("#history-toggle");
      await page.click('#history-panel li[data-version="1"]');
      await page.waitForSelector('#diagram[data-version="1"][data-read-only="true"][data-nodes-drawn]');
      assert(await page.isDisabled("#history-panel .restore-version") && await page.isDisabled("#history-panel .add-tag"), "Restore and Add tag are off");
      assert(await page.isEnabled("#history-panel .compare-with"), "comparing still works");
      await page.screenshot({ path: join(screenshotDir, "read-only-library.png") });
    });

    await check("read-only library: no page errors", async () => {
      assert(problems.length === 0, problems.join("\n"));
    });
    await context.close();
  }
}
