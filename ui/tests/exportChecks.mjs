// Browser checks of File ▸ Export: the top-bar menu, the shell command it calls, and what it says.
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

function exportCalls(page) {
  return page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "export_process").map((c) => c.args));
}

export async function exportChecks({ browser, baseUrl, samples, screenshotDir, check, assert, openPage, openProcess }) {
  const { page, context, problems } = await openPage(browser, baseUrl, sampleLibrary(samples));

  await check("export: the menu is off until a version is on the canvas, then offers five formats and BPMN for four engines", async () => {
    await page.waitForSelector("#process-list li[data-process-id]");
    assert(await page.isDisabled("#export-toggle"), "nothing to export before a choice");
    await openProcess(page, "Accounts payable");
    assert(await page.isEnabled("#export-toggle"), "enabled once a version is shown");
    await page.click("#export-toggle");
    await page.waitForSelector("#export-list:not([hidden])");
    assert((await page.getAttribute("#export-toggle", "aria-expanded")) === "true", "aria-expanded");
    const items = await page.$$eval("#export-list [role=menuitem]", (els) =>
      els.map((e) => (e.dataset.engine ? `${e.dataset.format}:${e.dataset.engine}` : e.dataset.format)),
    );
    const expected = "svg,png,markdown,html,bpmn,bpmn:spiffworkflow,bpmn:camunda8,bpmn:camunda7,bpmn:bpmn-engine";
    assert(items.join() === expected, `formats: ${items}`);
    const focused = await page.evaluate(() => document.activeElement?.dataset.format);
    assert(focused === "svg", `the first item takes the focus, got ${focused}`);
    await page.screenshot({ path: join(screenshotDir, "export-menu.png") });
  });

  await check("export: choosing HTML handbook exports the shown version and says where", async () => {
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /Exported/.test(document.getElementById("status-text")?.textContent ?? ""));
    const calls = await exportCalls(page);
    assert(JSON.stringify(calls.at(-1)) === JSON.stringify({ id: samples.payablesV2.id, version: 2, format: "html" }), `export_process args ${JSON.stringify(calls)}`);
    const status = await page.textContent("#status-text");
    assert(status === "Exported Accounts payable v2 as HTML handbook to /home/alex/Documents/Accounts payable.html", status);
    assert(await page.isHidden("#export-list"), "the menu closes");
  });

  await check("export: BPMN for Camunda 8 asks the shell for that engine and says so", async () => {
    await page.click("#export-toggle");
    await page.click('#export-list [data-engine="camunda8"]');
    await page.waitForFunction(() => /Exported .* as BPMN for Camunda 8/.test(document.getElementById("status-text")?.textContent ?? ""));
    const calls = await exportCalls(page);
    const expected = { id: samples.payablesV2.id, version: 2, format: "bpmn", engine: "camunda8" };
    assert(JSON.stringify(calls.at(-1)) === JSON.stringify(expected), `export_process args ${JSON.stringify(calls)}`);
  });

  await check("export: Ctrl+E opens the menu, Escape closes it; a failure shows in the banner", async () => {
    await page.keyboard.press("Control+e");
    await page.waitForSelector("#export-list:not([hidden])");
    await page.keyboard.press("Escape");
    assert(await page.isHidden("#export-list"), "Escape closes it");
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert(focused === "export-toggle", `focus returns to the button, got ${focused}`);
    await page.evaluate(() => {
      window.__fakeShellFail = { export_process: { code: "io", message: "/home/alex/Documents/Accounts payable.png could not be written: disk full; nothing was changed" } };
    });
    await page.click("#export-toggle");
    await page.click('#export-list [data-format="png"]');
    await page.waitForSelector("#error-banner:not([hidden])");
    const banner = await page.textContent("#error-banner .error-text");
    assert(/could not be exported: .*disk full; nothing was changed/.test(banner ?? ""), banner);
  });

  await check("export: no page errors or CSP violations", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
