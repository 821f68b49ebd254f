// Browser checks of reality mode with the core's answers for the spreadsheet log of Accounts
// payable (tests/fixtures/reality-accounts-payable.json): import through the column picker,
// conformance with the overlay on the canvas, a deviation's cases, the mapping, performance in
// flow order with export, the calibrated what-if, Esc to leave.
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

const text = (page, selector) => page.evaluate((s) => document.querySelector(s)?.textContent ?? "", selector);

export async function realityChecks({ browser, baseUrl, samples, fixtures, screenshotDir, check, assert, openPage, openProcess }) {
  const { page, context, problems } = await openPage(browser, baseUrl, { ...sampleLibrary(samples), reality: fixtures.reality });

  await check("reality: Reality… opens the panel on the saved version, with no log yet", async () => {
    await openProcess(page, "Accounts payable");
    await page.click("#reality-open");
    await page.waitForSelector("#reality-panel:not([hidden])");
    assert((await text(page, ".reality-title")) === "Reality · Accounts payable v2", await text(page, ".reality-title"));
    await page.waitForFunction(() => document.querySelector(".reality-logs")?.textContent.includes("No log yet"));
  });

  await check("reality: the CSV's columns are chosen over its first rows before Import is offered", async () => {
    await page.click("#reality-import");
    await page.waitForSelector(".reality-columns");
    const rows = await page.$$eval(".reality-preview tr", (all) => all.length);
    assert(rows === 21, `${rows} rows (header and 20)`);
    assert(await page.isDisabled('[data-action="import-log"]'), "Import waits for the case and activity columns");
    assert((await text(page, ".reality-import .reality-note")).includes("Case id, Activity"), await text(page, ".reality-import .reality-note"));
    for (const [role, column] of [["case", "Ticket"], ["activity", "Step"], ["timestamp", "Done at"], ["resource", "Clerk"]]) {
      await page.selectOption(`.reality-column-roles select[name="${role}"]`, column);
    }
    const marked = await page.$$eval(".reality-preview th.chosen", (all) => all.map((th) => th.textContent).join("|"));
    assert(marked === "TicketCase id|StepActivity|Done atTimestamp|ClerkResource", marked);
    await page.screenshot({ path: join(screenshotDir, "reality-columns.png") });
  });

  await check("reality: the import shows progress, then the conformance, each version's fit and the deviations", async () => {
    await page.click('[data-action="import-log"]');
    await page.waitForFunction(() => document.querySelector('.reality-body')?.dataset.state === "ready" && document.querySelector(".reality-figures"));
    const sent = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "import_log").at(-1).args.columns);
    assert(JSON.stringify(sent) === JSON.stringify({ case: "Ticket", activity: "Step", timestamp: "Done at", resource: "Clerk", lifecycle: null }), JSON.stringify(sent));
    const figures = await text(page, ".reality-figures");
    assert(figures.includes("30 of 40 (75.0 %)"), figures);
    const versions = await text(page, ".reality-versions");
    assert(/^v1 fits 0\.\d\d, v2 fits 0\.97$/.test(versions), versions);
    const deviations = await page.$$eval(".reality-deviation", (all) => all.map((b) => b.textContent));
    assert(deviations[0] === "Approve invoice skipped · 7× in 7 cases", deviations.join("\n"));
    assert(deviations.some((d) => d.startsWith("Call vendor not in the design · 3×")), deviations.join("\n"));
  });

  await check("reality: flows carry their case counts on the canvas and a deviation lists its cases", async () => {
    // The canvas reports its notes with the frame that draws them, which may come late.
    await page.waitForFunction(() => document.getElementById("diagram")?.dataset.notes?.includes("skipped ×7"));
    const notes = (await page.getAttribute("#diagram", "data-notes")).split("|");
    assert(notes.includes("skipped ×7"), notes.join("|"));
    assert(notes.some((n) => n.includes("+ Call vendor ×3")), notes.join("|"));
    assert(notes.filter((n) => n === "40").length >= 5, `flows taken by all 40 cases: ${notes.join("|")}`);
    await page.click(".reality-deviation.skipped");
    await page.waitForFunction(() => document.querySelector(".reality-details")?.textContent.includes("INV-004"));
    const detail = await text(page, ".reality-details");
    assert(detail.includes("Register invoice → Match to purchase order → Route to budget owner → Schedule payment"), detail);
    await page.screenshot({ path: join(screenshotDir, "reality-conformance.png") });
  });

  await check("reality: the mapping lists every activity, unmapped ones with suggestions, and saves the choice", async () => {
    await page.click('[data-tab="mapping"]');
    await page.waitForSelector('tr[data-activity="Approve inv."]');
    const rows = await page.$$eval(".reality-mapping-table tr[data-activity]", (all) => all.length);
    assert(rows === fixtures.reality.mapping.activities.length, `${rows} rows`);
    assert((await text(page, 'tr[data-activity="Approve inv."]')).includes("unmapped; like Approve invoice"), await text(page, 'tr[data-activity="Approve inv."]'));
    await page.selectOption('tr[data-activity="Approve inv."] select', "Approve invoice");
    await page.click('[data-action="save-mapping"]');
    await page.waitForFunction(() => document.querySelector('tr[data-activity="Approve inv."]')?.textContent.includes("chosen"));
    const saved = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "save_log_mapping").at(-1).args.mapping);
    assert(JSON.stringify(saved) === JSON.stringify({ "Approve inv.": "Approve invoice" }), JSON.stringify(saved));
  });

  await check("reality: performance lists the steps in flow order with the diagnosis, and exports", async () => {
    await page.click('[data-tab="performance"]');
    await page.waitForSelector(".reality-steps");
    const steps = await page.$$eval(".reality-steps tr td:first-child", (all) => all.map((td) => td.textContent));
    assert(steps[0] === "Register invoice" && steps[1] === "Match to purchase order", steps.join());
    assert(steps.at(-1).endsWith("(not in the design)"), steps.join());
    assert((await text(page, ".reality-diagnosis")) === fixtures.reality.performance.diagnosis.line, await text(page, ".reality-diagnosis"));
    await page.click('[data-export="performance-csv"]');
    await page.waitForFunction(() => (window.__savedReports ?? []).length === 1);
    assert((await text(page, "#status-text")) === "Saved /home/analyst/performance.csv", await text(page, "#status-text"));
    await page.screenshot({ path: join(screenshotDir, "reality-performance.png") });
  });

  await check("reality: Calibrate fits the what-if with progress and sets its cycle times against the log's", async () => {
    await page.click('[data-tab="calibrate"]');
    await page.waitForSelector("#reality-calibrate:not([disabled])");
    await page.click("#reality-calibrate");
    await page.waitForSelector("#reality-calibrate-cancel:not([hidden])");
    await page.waitForSelector("#reality-calibration-verdict");
    const c = fixtures.reality.calibration;
    const verdict = await page.$eval("#reality-calibration-verdict", (p) => ({ kind: p.dataset.kind, text: p.textContent }));
    // The spreadsheet log has no start events and its cases skip the weekly payment run: they differ.
    assert(verdict.kind === "differs" && verdict.text.includes(`KS ${c.ks.toFixed(3)} > ${c.ks_critical.toFixed(3)}`), JSON.stringify(verdict));
    const cycles = await page.$$eval("#reality-calibration-cycles tr td:first-child", (all) => all.map((td) => td.textContent));
    assert(cycles.join() === "p10,p50,p90,p99", cycles.join());
    assert(await page.isHidden("#reality-calibrate-cancel"), "Cancel leaves with the run");
    assert((await text(page, "#status-text")).startsWith(`Calibrated v2 from ${c.observed_cases} cases`), await text(page, "#status-text"));
    await page.screenshot({ path: join(screenshotDir, "reality-calibration.png") });
  });

  await check("reality: Cancel stops a calibration and says so", async () => {
    await page.click("#reality-calibrate");
    await page.waitForSelector("#reality-calibrate-cancel:not([hidden])");
    await page.click("#reality-calibrate-cancel");
    await page.waitForFunction(() => document.querySelector(".reality-calibration-result")?.textContent === "Calibration cancelled.");
    assert(!(await page.isDisabled("#reality-calibrate")), "Calibrate is offered again");
  });

  await check("reality: Esc leaves the mode and the panel", async () => {
    await page.locator("#diagram").focus();
    await page.keyboard.press("Escape");
    await page.waitForSelector("#reality-panel", { state: "hidden" });
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
