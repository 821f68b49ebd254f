// Browser checks of simulation mode: start form, tokens, firing from the list and the canvas,
// choices, step back, play, export, scenario replay with notes and the newest-version banner.
import { join } from "node:path";
import { compareLibrary, nodeRect, pagepoint } from "./compareChecks.mjs";
import { sampleLibrary } from "./fakeShell.mjs";

const SCENARIO = "Invoice of 12,500 EUR needs CFO approval";

/** The samples plus the run and the replay the core recorded (tests/fixtures/generate.sh). */
function simulationLibrary(samples, fixtures) {
  return { ...sampleLibrary(samples), runs: [fixtures.simulationRun], replays: [fixtures.replayInvoice] };
}

async function shownStep(page) {
  return page.$eval("#sim-timeline", (el) => ({ step: Number(el.dataset.step), tokens: el.dataset.tokens }));
}

/** Fires action `index` of the list and waits for the next step. */
async function fire(page, index = 0) {
  const { step } = await shownStep(page);
  await page.click(`#sim-actions [data-action-index="${index}"] .sim-fire`);
  await page.waitForSelector(`#sim-timeline[data-step="${step + 1}"]`);
}

export async function simulationChecks({ browser, baseUrl, samples, fixtures, screenshotDir, check, assert, openPage, openProcess }) {
  const { page, context, problems } = await openPage(browser, baseUrl, simulationLibrary(samples, fixtures));
  const shot = (name) => page.screenshot({ path: join(screenshotDir, name) });
  const tokensAt = [];

  await check("simulation: Ctrl+R opens the start panel with typed fields from the declared variables", async () => {
    await openProcess(page, "Accounts payable");
    await page.locator("#diagram").focus();
    await page.keyboard.press("Control+R");
    await page.waitForSelector('#diagram[data-mode="simulate"]');
    await page.waitForSelector("#simulation-panel:not([hidden]) #sim-start");
    const types = await page.$$eval("#sim-start [data-variable]", (inputs) => inputs.map((i) => `${i.name}:${i.type}`).join());
    assert(types === "amount:number,approved:checkbox,cfo_approved:checkbox,department:text,po_matched:checkbox", types);
    assert((await page.getAttribute("#simulate-toggle", "aria-pressed")) === "true", "toggle pressed");
    await page.waitForSelector(`#scenario-list [data-scenario="${SCENARIO}"]`);
    await page.fill("#sim-var-amount", "12500");
    await page.fill("#sim-var-department", "Engineering");
    await page.check("#sim-var-po_matched");
    await page.fill("#sim-start-date", "2026-03-02");
    await page.fill("#sim-start-time", "09:00");
    await shot("simulation-start.png");
  });

  await check("simulation: Start shows the token on the canvas and the enabled action", async () => {
    await page.click("#sim-step-through");
    await page.waitForSelector('#sim-timeline[data-step="0"]');
    const calls = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "simulation_start").map((c) => c.args));
    const args = calls.at(-1);
    assert(args.start === "2026-03-02T09:00:00Z" && args.version === 2, JSON.stringify(args));
    assert(JSON.stringify(args.data) === JSON.stringify({ amount: 12500, department: "Engineering", po_matched: true }), JSON.stringify(args.data));
    const first = await shownStep(page);
    assert(first.tokens.length > 0, "a token is shown");
    tokensAt[0] = first.tokens;
    assert(Number(await page.getAttribute("#diagram", "data-decorated")) >= 3, "token flow, its target and lane are decorated");
    assert((await page.textContent("#sim-actions")).includes("Register invoice"), await page.textContent("#sim-actions"));
  });

  await check("simulation: clicking a node with an enabled action fires it", async () => {
    const register = nodeRect(samples.payablesV2, "Register invoice");
    const at = await pagepoint(page, { x: register.x + register.w / 2, y: register.y + register.h / 2 });
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('#sim-timeline[data-step="1"]');
    tokensAt[1] = (await shownStep(page)).tokens;
  });

  await check("simulation: stepping on stops at a choice that says why the user must choose", async () => {
    for (let i = 0; i < 10 && !(await page.$(".sim-choice")); i++) {
      await fire(page);
      const { step, tokens } = await shownStep(page);
      tokensAt[step] = tokens;
    }
    const reasons = await page.textContent(".sim-choice");
    assert(/approved == true → no value/.test(reasons), reasons);
    const labels = await page.$$eval("#sim-actions .sim-fire", (b) => b.map((e) => e.textContent).join("|"));
    assert(labels === "Approved? → approved|Approved? → send back", labels);
    const log = await page.$$eval("#sim-log tbody tr", (rows) => rows.map((r) => r.textContent));
    assert(log.some((r) => r.includes("2026-03-02 09:45") && r.includes("`po_matched == true` is true")), log.join("\n"));
    await shot("simulation-mid-run.png");
  });

  await check("simulation: Alt+← and the timeline step back to the earlier state", async () => {
    const { step } = await shownStep(page);
    await page.locator("#diagram").focus();
    await page.keyboard.press("Alt+ArrowLeft");
    await page.waitForSelector(`#sim-timeline[data-step="${step - 1}"]`);
    assert((await shownStep(page)).tokens === tokensAt[step - 1], "tokens as they were one step earlier");
    await page.click('#sim-timeline [data-step="2"] .sim-step-go');
    await page.waitForSelector('#sim-timeline[data-step="2"]');
    assert((await shownStep(page)).tokens === tokensAt[2], "tokens as they were at step 2");
    await page.click("#sim-forward");
    await page.waitForSelector('#sim-timeline[data-step="3"]');
    await page.click(`#sim-timeline [data-step="${step}"] .sim-step-go`);
    await page.waitForSelector(`#sim-timeline[data-step="${step}"] .sim-choice, .sim-choice`);
  });

  await check("simulation: choices and play run the instance to its end", async () => {
    await fire(page, 0);
    await page.selectOption("#sim-speed", "fast");
    await page.click("#sim-play");
    await page.waitForSelector(".sim-choice");
    await page.waitForSelector('#sim-play[aria-pressed="false"]');
    assert(/cfo_approved == true → no value/.test(await page.textContent(".sim-choice")), "paused at the CFO's choice");
    const labels = await page.$$eval("#sim-actions .sim-fire", (b) => b.map((e) => e.textContent));
    await fire(page, labels.indexOf("CFO approved? → approved"));
    await page.click("#sim-play");
    await page.waitForSelector('#sim-status[data-state="ended"]');
    const status = await page.textContent("#sim-status");
    assert(status === "Ended at Invoice paid and posted after 5d 4h 30m", status);
    assert(await page.isDisabled("#sim-forward") && await page.isDisabled("#sim-play"), "Step and Play are off once the run has ended");
    assert(await page.isEnabled("#sim-back") && await page.isEnabled("#sim-again"), "Back and Run again stay on");
    assert(await page.isVisible("#sim-start"), "the ended run brings the start form back");
    assert((await page.inputValue("#sim-var-amount")) === "12500", "with the data as typed");
    await shot("simulation-ended.png");
  });

  await check("simulation: Enter in the start form runs the instance on its own, stopping only for choices, to its end", async () => {
    const starts = () => page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "simulation_start").length);
    const before = await starts();
    await page.focus("#sim-var-amount");
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => window.__fakeShellCalls.filter((c) => c.command === "simulation_start").length > n, before);
    await page.waitForSelector(".sim-choice");
    const { step } = await shownStep(page);
    assert(step > 1, `ran on by itself to the first choice: step ${step}`);
    assert(/approved == true → no value/.test(await page.textContent(".sim-choice")), await page.textContent(".sim-choice"));
    assert(await page.isHidden("#sim-start"), "no start form while the run waits for a choice");
    await page.click('#sim-actions [data-action-index="0"] .sim-fire');
    // Chosen: it runs on to the next choice by itself.
    await page.waitForFunction(() => /cfo_approved == true → no value/.test(document.querySelector(".sim-choice")?.textContent ?? ""));
    const labels = await page.$$eval("#sim-actions .sim-fire", (b) => b.map((e) => e.textContent));
    await page.click(`#sim-actions [data-action-index="${labels.indexOf("CFO approved? → approved")}"] .sim-fire`);
    await page.waitForSelector('#sim-status[data-state="ended"]');
    assert((await page.textContent("#sim-status")) === "Ended at Invoice paid and posted after 5d 4h 30m", await page.textContent("#sim-status"));
    await page.waitForSelector("#sim-start:not([hidden])");
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, selected: document.getSelection()?.toString() }));
    assert(focused.id === "sim-var-amount" && focused.selected === "12500", `the next run is "type the value, Enter": ${JSON.stringify(focused)}`);
    assert((await starts()) === before + 1, "one run");
    await shot("simulation-run-to-end.png");
  });

  await check("simulation: the log exports as CSV to the file chosen in the save dialog", async () => {
    await page.click("#sim-export-csv");
    await page.waitForSelector('.sim-export-message[data-path="/home/trainer/simulation-log.csv"]');
    const saved = await page.evaluate(() => window.__savedLogs.at(-1));
    assert(saved.path === "/home/trainer/simulation-log.csv", saved.path);
    assert(saved.text === fixtures.simulationRun.logs.at(-1).csv, saved.text.slice(0, 200));
    assert(saved.text.startsWith("step,time,process,lane,actor,node,event,reason"), saved.text.slice(0, 80));
  });

  await check("simulation: New run… goes back to the instance data as typed, for a run with other values", async () => {
    await page.click("#sim-new");
    await page.waitForSelector("#sim-start:not([hidden])");
    assert(await page.isHidden("#sim-run"), "the ended run is put away");
    assert((await page.inputValue("#sim-var-amount")) === "12500" && (await page.inputValue("#sim-var-department")) === "Engineering", "the typed data is kept");
    // The fake shell knows only the recorded run: the call with other data is what is checked.
    const started = () => page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "simulation_start").at(-1).args);
    await page.fill("#sim-var-amount", "800");
    await page.click("#sim-step-through");
    await page.waitForFunction(() => window.__fakeShellCalls.filter((c) => c.command === "simulation_start").at(-1).args.data.amount === 800);
    const args = await started();
    assert(JSON.stringify(args.data) === JSON.stringify({ amount: 800, department: "Engineering", po_matched: true }), JSON.stringify(args.data));
    await page.fill("#sim-var-amount", "12500");
    await page.click("#sim-step-through");
    await page.waitForSelector('#sim-timeline[data-step="0"]');
  });

  await check("simulation: Run again starts a new run with the same data; leaving drops \"Simulating\" from the status bar", async () => {
    const starts = () => page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "simulation_start").map((c) => c.args));
    const before = await starts();
    await page.click("#sim-again");
    await page.waitForSelector('#sim-timeline[data-step="0"]');
    const after = await starts();
    assert(after.length === before.length + 1, `one more run: ${after.length}`);
    assert(JSON.stringify(after.at(-1)) === JSON.stringify(before.at(-1)), `same data and start: ${JSON.stringify(after.at(-1))}`);
    assert(await page.isEnabled("#sim-forward") && await page.isDisabled("#sim-back"), "a fresh run steps on, not back");
    assert(/^Simulating /.test(await page.textContent("#status-text")), await page.textContent("#status-text"));
    await page.click("#exit-simulation");
    await page.waitForSelector('#diagram[data-mode="view"]');
    const status = await page.textContent("#status-text");
    assert(!/Simulating/.test(status), `status after exit: ${status}`);
    await page.click("#simulate-toggle");
    await page.waitForSelector("#simulation-panel:not([hidden]) #sim-start");
  });

  await check("simulation: a sample scenario replays step by step with its notes", async () => {
    await page.click("#exit-simulation");
    await page.waitForSelector('#diagram[data-mode="view"]');
    assert(await page.isHidden("#simulation-panel"), "panel closed");
    assert((await page.getAttribute("#diagram", "data-decorated")) === "0", "tokens removed");
    await page.click("#simulate-toggle");
    await page.click(`#scenario-list [data-scenario="${SCENARIO}"] .scenario-replay`);
    await page.waitForSelector('#sim-timeline[data-step="0"]');
    const steps = await page.$$eval("#sim-timeline .sim-step", (s) => s.length);
    assert(steps === fixtures.replayInvoice.steps.length, `${steps} steps on the timeline`);
    for (let i = 0; i < 3; i++) await page.click("#sim-forward");
    await page.waitForSelector('#sim-timeline[data-step="3"]');
    const note = await page.textContent("#sim-note");
    assert(note === fixtures.replayInvoice.scenario.steps[2].note, note);
    assert((await page.textContent("#sim-replay-banner")) === "Recorded on v2, the newest version.", await page.textContent("#sim-replay-banner"));
    await shot("simulation-replay.png");
  });

  await check("simulation: a run saved as a scenario is listed for the process", async () => {
    await page.click('#sim-timeline [data-step="0"] .sim-step-go');
    await page.click("#exit-simulation");
    await page.keyboard.press("Control+R");
    await page.fill("#sim-var-amount", "12500");
    await page.fill("#sim-var-department", "Engineering");
    await page.check("#sim-var-po_matched");
    await page.fill("#sim-start-date", "2026-03-02");
    await page.click("#sim-step-through");
    await page.waitForSelector('#sim-timeline[data-step="0"]');
    await fire(page);
    await page.fill('#sim-timeline [data-step="1"] .sim-step-note-input', "Registered on arrival");
    await page.fill("#scenario-name", "Registered only");
    await page.click("#sim-save button[type=submit]");
    await page.waitForSelector('.sim-save-message[data-level="ok"]');
    const saved = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "save_scenario").at(-1).args.scenario);
    assert(saved.steps.length === 1 && saved.steps[0].note === "Registered on arrival" && saved.version === 2, JSON.stringify(saved).slice(0, 300));
    await page.fill("#scenario-name", SCENARIO);
    await page.click("#sim-save button[type=submit]");
    await page.waitForSelector('.sim-save-message[data-level="error"]');
    await page.click("#exit-simulation");
    await page.click("#simulate-toggle");
    await page.waitForSelector('#scenario-list [data-scenario="Registered only"]');
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();

  await check("simulation: replaying on a library with a newer version names the first step that differs", async () => {
    const library = { ...compareLibrary(samples, fixtures), replays: [fixtures.replayInvoiceV3] };
    const run = await openPage(browser, baseUrl, library);
    await openProcess(run.page, "Accounts payable");
    await run.page.click("#simulate-toggle");
    await run.page.click(`#scenario-list [data-scenario="${SCENARIO}"] .scenario-replay`);
    await run.page.waitForSelector("#sim-replay-banner:not([hidden])");
    const banner = await run.page.textContent("#sim-replay-banner");
    const d = fixtures.replayInvoiceV3.newest_divergence;
    assert(banner === `v3 differs first at step ${d.step}: recorded ${d.recorded}; v3 ${d.found}.`, banner);
    assert(run.problems.length === 0, run.problems.join("\n"));
    await run.context.close();
  });

  await check("simulation: a list variable is typed as comma-separated items and starts the run as a list", async () => {
    const payables = structuredClone(samples.payablesV2);
    payables.info.variables.push({ name: "reviewers", type: "list", description: "Who reviews the invoice" });
    const library = sampleLibrary({ ...samples, payablesV2: payables });
    const run = await openPage(browser, baseUrl, library);
    await openProcess(run.page, "Accounts payable");
    await run.page.click("#simulate-toggle");
    const input = run.page.locator("#sim-var-reviewers");
    assert((await input.getAttribute("placeholder")) === "items, separated by commas", await input.getAttribute("placeholder"));
    await input.fill("ann, bob,");
    await run.page.fill("#sim-var-amount", "800");
    await run.page.locator("#sim-start").screenshot({ path: join(screenshotDir, "simulation-start-list.png") });
    await run.page.click("#sim-step-through");
    await run.page.waitForFunction(() => window.__fakeShellCalls.some((c) => c.command === "simulation_start"));
    const args = await run.page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "simulation_start").at(-1).args);
    assert(JSON.stringify(args.data) === JSON.stringify({ amount: 800, reviewers: ["ann", "bob"] }), JSON.stringify(args.data));
    assert(run.problems.length === 0, run.problems.join("\n"));
    await run.context.close();
  });
}
