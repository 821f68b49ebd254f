// Browser checks of the what-if dialog: a run with progress, figures, charts and a comparison
// made by the core (tests/fixtures/batch-accounts-payable.json), export, cancel, bad input.
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

function batchLibrary(samples, fixtures, batchDelayMs) {
  return {
    ...sampleLibrary(samples),
    batchRuns: [{ process: samples.payablesV2.id, compareWith: 1, run: fixtures.batchPayables }],
    batchDelayMs,
  };
}

const state = (page) => page.getAttribute("#batch-dialog .batch-dialog", "data-state");

export async function batchChecks({ browser, baseUrl, samples, fixtures, screenshotDir, check, assert, openPage, openProcess }) {
  const { page, context, problems } = await openPage(browser, baseUrl, batchLibrary(samples, fixtures, 40));
  const run = fixtures.batchPayables;

  await check("what-if: Ctrl+B opens the dialog for the shown version, with the others to compare", async () => {
    await openProcess(page, "Accounts payable");
    await page.locator("#diagram").focus();
    await page.keyboard.press("Control+B");
    await page.waitForSelector("#batch-dialog:not([hidden])");
    const title = await page.textContent("#batch-title");
    assert(title === "What-if: Accounts payable v2", title);
    const options = await page.$$eval("#batch-compare option", (all) => all.map((o) => o.textContent).join());
    assert(options === "nothing,v1", options);
    assert((await state(page)) === "idle", "idle before a run");
  });

  await check("what-if: a bad instance count is refused before anything runs", async () => {
    await page.fill("#batch-runs", "0");
    await page.click("#batch-run");
    const status = await page.textContent("#batch-status");
    assert(status.startsWith("Instances must be a whole number"), status);
    const calls = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "batch_simulate").length);
    assert(calls === 0, `${calls} batch calls`);
  });

  await check("what-if: Run shows progress, then the core's figures, charts, bottlenecks and the comparison", async () => {
    await page.fill("#batch-runs", "1000");
    await page.fill("#batch-seed", "7");
    await page.selectOption("#batch-compare", "1");
    await page.click("#batch-run");
    await page.waitForFunction(() => {
      const bar = document.querySelector("#batch-progress");
      return bar.value > 0 && bar.value < 1 && document.querySelector(".batch-dialog").dataset.state === "running";
    });
    assert(await page.isVisible("#batch-cancel"), "Cancel shows while running");
    await page.screenshot({ path: join(screenshotDir, "batch-running.png") });
    await page.waitForSelector('#batch-results[data-charts="drawn"]');
    assert((await state(page)) === "done", "done");
    const args = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "batch_simulate").at(-1).args);
    const expected = { id: samples.payablesV2.id, version: 2, compareWith: 1, seed: 7, instances: 1000, warm_up: "0m", start: "2026-01-05T00:00:00Z" };
    const sent = { id: args.id, version: args.version, compareWith: args.compareWith, seed: args.options.seed, instances: args.options.stop.instances, warm_up: args.options.warm_up, start: args.options.start };
    assert(JSON.stringify(sent) === JSON.stringify(expected), JSON.stringify(sent));
    const summaries = await page.$$eval(".batch-summary", (all) => all.map((s) => s.dataset.label).join());
    assert(summaries === "v2,v1", summaries);
    const first = await page.textContent(".batch-summary");
    const p50 = run.base.result.cycle_time.p50_hours;
    assert(first.includes(`p50 ${(p50 / 24).toFixed(1)} d`), first);
    const bottleneck = await page.textContent("#batch-bottlenecks li");
    assert(bottleneck === run.base.result.bottlenecks[0].reason, bottleneck);
    const steps = await page.$$eval("#batch-steps tbody tr", (rows) => rows.length);
    assert(steps === run.base.result.steps.length, `${steps} step rows`);
    const firstColumn = () => page.$$eval("#batch-steps tbody tr td:first-child", (cells) => cells.map((c) => c.textContent));
    assert((await page.getAttribute("#batch-steps", "data-sort")) === "flow", "flow order first");
    const flow = await firstColumn();
    assert(flow[0] === "Register invoice" && flow.join() === run.base.result.steps.map((s) => s.name).join(), `flow order: ${flow}`);
    await page.click('#batch-steps th:nth-child(4) .batch-sort');
    assert((await page.getAttribute("#batch-steps", "data-sort")) === "waiting descending", "sorted by waiting");
    const longest = [...run.base.result.steps].sort((a, b) => b.waiting_hours - a.waiting_hours)[0].name;
    assert((await firstColumn())[0] === longest, `longest wait first: ${(await firstColumn())[0]}`);
    await page.screenshot({ path: join(screenshotDir, "batch-steps-sorted.png") });
    const comparison = await page.textContent("#batch-comparison");
    assert(comparison.includes("cycle time p90 (h)") && comparison.includes("utilisation: CFO"), comparison);
    for (const id of ["batch-histogram", "batch-utilisation", "batch-queues"]) {
      const drawn = await page.$eval(`#${id}`, (canvas) => {
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
        return { width: canvas.width, inked };
      });
      assert(drawn.width > 100 && drawn.inked > 1000, `${id} is drawn: ${JSON.stringify(drawn)}`);
    }
    await page.screenshot({ path: join(screenshotDir, "batch-what-if.png") });
  });

  await check("what-if: CSV and JSON export go through the shell's save dialog", async () => {
    await page.click("#batch-export-csv");
    await page.waitForFunction(() => (window.__savedBatch ?? []).length === 1);
    await page.click("#batch-export-json");
    await page.waitForFunction(() => (window.__savedBatch ?? []).length === 2);
    const saved = await page.evaluate(() => window.__savedBatch.map((s) => `${s.format}:${s.label}`).join());
    assert(saved === "csv:v2,json:v2", saved);
    const status = await page.textContent("#batch-status");
    assert(status === "Saved /home/analyst/batch-simulation.json", status);
  });

  await check("what-if: Cancel stops a run and keeps nothing", async () => {
    await page.click("#batch-run");
    await page.waitForFunction(() => document.querySelector("#batch-progress").value > 0);
    await page.click("#batch-cancel");
    await page.waitForFunction(() => document.querySelector(".batch-dialog").dataset.state === "cancelled");
    const status = await page.textContent("#batch-status");
    assert(status === "Cancelled; nothing was kept.", status);
    assert(await page.isHidden("#batch-results"), "no stale results");
    assert(await page.isHidden("#batch-export-csv"), "nothing to export");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#batch-dialog", { state: "hidden" });
  });

  await check("what-if: no page errors or CSP violations", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
