// Browser checks of the history panel: list, read-only versions, "as of" date, restore, tags.
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

/** Rows of the history list as [number, text], top to bottom. */
function historyRows(page) {
  return page.$$eval("#history-panel li[data-version]", (items) => items.map((li) => [Number(li.dataset.version), li.textContent]));
}

function lastCall(page, command) {
  return page.evaluate((name) => window.__fakeShellCalls.filter((c) => c.command === name).at(-1) ?? null, command);
}

/** Opens version `number` from the history list and waits until the canvas shows it. */
async function openFromHistory(page, number, readOnly) {
  await page.click(`#history-panel li[data-version="${number}"]`);
  await page.waitForSelector(`#diagram[data-version="${number}"][data-read-only="${readOnly}"][data-nodes-drawn]`);
}

export async function historyChecks({ browser, baseUrl, samples, screenshotDir, check, assert, openPage, openProcess, diagramData }) {
  const { page, context, problems } = await openPage(browser, baseUrl, sampleLibrary(samples));
  const payablesId = samples.payablesV2.id;
  const shot = (name) => page.screenshot({ path: join(screenshotDir, name) });

  await check("history: Ctrl+H opens the panel with Accounts payable's versions, newest first", async () => {
    await openProcess(page, "Accounts payable");
    assert(await page.isHidden("#history-panel"), "the panel starts collapsed");
    const title = await page.getAttribute("#history-toggle", "title");
    assert(/Ctrl\+H/.test(title ?? ""), `the toggle's tooltip names the shortcut: ${title}`);
    await page.keyboard.press("Control+h");
    await page.waitForSelector("#history-panel li[data-version]");
    assert((await page.getAttribute("#history-toggle", "aria-pressed")) === "true", "toggle shows pressed");
    await page.waitForFunction(() => document.activeElement?.id === "history-list");
    const rows = await historyRows(page);
    assert(rows.map(([n]) => n).join() === "2,1", `newest first: ${rows.map(([n]) => n)}`);
    const [[, newest], [, oldest]] = rows;
    assert(/current/.test(newest) && !/current/.test(oldest), "only the latest is marked current");
    assert(/CFO approval for invoices over 10,000/.test(newest) && /Marcus Oyelaran/.test(newest), `v2 row: ${newest}`);
    assert(/2026-11-21 10:15 UTC/.test(oldest) && /Dana Whitfield/.test(oldest), `v1 row shows author and UTC time: ${oldest}`);
    // Who signed a shared version's commit, as the core found it; an unsigned one has no mark.
    assert(/✔ signed by Marcus\.Oyelaran/.test(newest), `v2 carries the signed mark: ${newest}`);
    assert(!/signed by/.test(oldest), `v1 is not signed: ${oldest}`);
    const mark = await page.$('#history-panel li[data-version="2"] .signed-mark');
    assert(mark !== null && (await mark.isVisible()), "the mark is shown");
    assert((await page.getAttribute('#history-panel li[data-version="2"]', "aria-selected")) === "true", "the shown version is selected");
    const call = await lastCall(page, "process_history");
    assert(call?.args?.id === payablesId, `process_history {id}: ${JSON.stringify(call)}`);
    const data = await diagramData(page);
    assert(data.version === "2" && data.readOnly === "false", `latest is editable-view: ${JSON.stringify(data)}`);
    await shot("history-panel.png");
    await page.keyboard.press("Control+h");
    await page.waitForSelector("#history-panel", { state: "hidden" });
    await page.click("#history-toggle");
    await page.waitForSelector("#history-panel li[data-version]");
  });

  await check("history: clicking v1 opens it read-only, Back to latest returns", async () => {
    await openFromHistory(page, 1, true);
    const data = await diagramData(page);
    assert(data.nodesTotal === String(samples.payablesV1.nodes.length), `v1 has ${samples.payablesV1.nodes.length} nodes, drawn ${data.nodesTotal}`);
    const header = await page.textContent("#process-header");
    assert(/v1 · read-only/.test(header) && /Back to latest/.test(header), `header: ${header}`);
    const selected = await page.$$eval('#history-panel li[aria-selected="true"]', (items) => items.map((li) => li.dataset.version));
    assert(selected.join() === "1", `only v1 selected: ${selected}`);
    assert((await lastCall(page, "load_process"))?.args?.version === 1, "load_process asked for version 1");
    await shot("history-read-only-v1.png");
    await page.click("#process-header .back-to-latest");
    await page.waitForSelector('#diagram[data-version="2"][data-read-only="false"]');
    assert(!/read-only/.test(await page.textContent("#process-header")), "header is back to normal");
  });

  await check("history: ↑/↓/Enter in the version list open versions", async () => {
    await page.focus("#history-list");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForSelector('#diagram[data-version="1"][data-read-only="true"]');
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await page.waitForSelector('#diagram[data-version="2"][data-read-only="false"]');
  });

  await check("history: an 'as of' date before the first save says no version existed", async () => {
    await page.fill("#as-of-date", "2026-11-20");
    await page.waitForSelector("#as-of-result:not([hidden])");
    const text = await page.textContent("#as-of-result");
    assert(/No version existed on 2026-11-20/.test(text), `as-of result: ${text}`);
    assert((await lastCall(page, "version_at"))?.args?.at === "2026-11-20T23:59:59.999Z", "asked for the end of that day in UTC");
    assert((await diagramData(page)).version === "2", "the canvas keeps what it showed");
    await shot("history-as-of-none.png");
  });

  await check("history: an 'as of' date opens the version in force at the end of that day", async () => {
    await page.fill("#as-of-date", "2026-11-21");
    await page.waitForSelector('#diagram[data-version="1"][data-read-only="true"]');
    await page.waitForFunction(() => /v1 was in force/.test(document.querySelector("#as-of-result")?.textContent ?? ""));
    assert((await page.getAttribute('#history-panel li[data-version="1"]', "aria-selected")) === "true", "v1 selected in the list");
    await shot("history-as-of.png");
  });

  await check("history: restoring v1 asks in the app, Escape cancels, confirming saves v3", async () => {
    await page.click("#history-panel .restore-version");
    await page.waitForSelector("#confirm-dialog:not([hidden])");
    const question = await page.textContent("#confirm-dialog");
    assert(/Restore version 1\?/.test(question) && /Restore as v3/.test(question), `dialog: ${question}`);
    const focused = await page.evaluate(() => document.activeElement?.dataset.answer);
    assert(focused === "confirm", `the dialog takes focus (${focused})`);
    await shot("history-restore-confirm.png");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#confirm-dialog", { state: "hidden" });
    assert((await lastCall(page, "restore_version")) === null, "cancelling restores nothing");

    await page.click("#history-panel .restore-version");
    await page.click('#confirm-dialog button[data-answer="confirm"]');
    await page.waitForSelector('#history-panel li[data-version="3"]');
    assert(JSON.stringify((await lastCall(page, "restore_version")).args) === JSON.stringify({ id: payablesId, number: 1 }), "restore_version {id, number}");
    const rows = await historyRows(page);
    assert(rows.map(([n]) => n).join() === "3,2,1", `three versions: ${rows.map(([n]) => n)}`);
    assert(/Restore version 1/.test(rows[0][1]) && /current/.test(rows[0][1]), `v3 row: ${rows[0][1]}`);
    await page.waitForSelector('#diagram[data-version="3"][data-read-only="false"]');
    assert((await diagramData(page)).nodesTotal === String(samples.payablesV1.nodes.length), "v3 has v1's definition");
    const listed = await page.textContent(`#process-list li[data-process-id="${payablesId}"]`);
    assert(/v3/.test(listed), `process list shows v3: ${listed}`);
    await shot("history-restored.png");
  });

  await check("history: a refused restore shows the backend's message in the error banner", async () => {
    await openFromHistory(page, 2, true);
    const message = "nothing changed since version 3; no new version was saved";
    await page.evaluate((error) => (window.__fakeShellFail.restore_version = error), { code: "unchanged", message });
    await page.click("#history-panel .restore-version");
    await page.click('#confirm-dialog button[data-answer="confirm"]');
    await page.waitForSelector('#error-banner[data-code="unchanged"]');
    assert((await page.textContent("#error-banner .error-text")).includes(message), "banner carries the backend message");
    assert((await historyRows(page)).length === 3, "no version added");
    await page.click("#error-banner .error-dismiss");
    // v1 has the current definition (v3 restored it): nothing to restore, so the button says so.
    await openFromHistory(page, 1, true);
    assert(await page.isDisabled("#history-panel .restore-version"), "restoring a copy of the current version is disabled");
  });

  await check("history: tagging v2 'approved' shows the chip at once and it persists", async () => {
    await openFromHistory(page, 2, true);
    await page.click("#history-panel .add-tag");
    await page.waitForSelector('#history-panel [data-suggestion="in production"]');
    await shot("history-tag-form.png");
    await page.click('#history-panel [data-suggestion="approved"]');
    await page.waitForSelector('#history-panel li[data-version="2"] .tag-chip[data-tag="approved"]');
    assert(JSON.stringify((await lastCall(page, "tag_version")).args) === JSON.stringify({ id: payablesId, number: 2, tag: "approved" }), "tag_version args");
    await page.click("#history-panel .add-tag");
    assert(!(await page.$('#history-panel [data-suggestion="approved"]')), "a tag it carries is not suggested again");
    await page.fill("#tag-input", "  audited Q4 ");
    await page.keyboard.press("Enter");
    await page.waitForSelector('#history-panel li[data-version="2"] .tag-chip[data-tag="audited Q4"]');
    // Closing and reopening rereads the history from the shell.
    await page.keyboard.press("Control+h");
    await page.keyboard.press("Control+h");
    await page.waitForSelector('#history-panel li[data-version="2"] .tag-chip[data-tag="approved"]');
    await shot("history-tagged.png");
  });

  await check("history: the open panel follows the chosen process", async () => {
    await openProcess(page, "Employee onboarding");
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll("#history-panel li[data-version]")];
      return rows.length === 1 && rows[0].getAttribute("aria-selected") === "true";
    });
    assert((await diagramData(page)).readOnly === "false", "a newly chosen process opens at its latest version");
    assert(await page.isHidden("#canvas-host.read-only"), "no read-only edge on the latest version");
  });

  await check("history: no page errors or CSP violations", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
