// Browser checks of validation (problems panel, canvas badges, status summary) and the tamper banner.
import { join } from "node:path";
import { nodeRect, pagepoint, waitCentred } from "./compareChecks.mjs";
import { sampleLibrary } from "./fakeShell.mjs";

/** A process as "New process" makes it: one workflow holding a start event. */
function blankProcess(like) {
  const start = like.nodes.find((n) => n.kind.type === "start");
  const lane = like.lanes.find((l) => l.id === start.lane);
  return {
    ...like,
    id: "0b1a2c3d-0000-4000-8000-00000000b1a2",
    info: { ...like.info, name: "Travel claims" },
    lanes: [lane],
    nodes: [start],
    flows: [],
    layout: { ...like.layout, nodes: { [start.id]: like.layout.nodes[start.id] }, lanes: { [lane.id]: like.layout.lanes[lane.id] } },
  };
}

/**
 * The samples plus "Vendor payments", a design with mistakes, and what `flowlane validate` says
 * about it; and "Travel claims", blank, whose check lists what is still to be drawn.
 */
function brokenLibrary(samples, fixtures) {
  const library = sampleLibrary(samples);
  const blank = blankProcess(fixtures.vendorPayments);
  library.histories = [...library.histories, [fixtures.vendorPayments], [fixtures.purchaseDeadlock], [blank]];
  library.problems = {
    [fixtures.vendorPayments.id]: fixtures.vendorProblems,
    [fixtures.purchaseDeadlock.id]: fixtures.deadlockProblems,
    [blank.id]: fixtures.vendorProblems.slice(0, 3),
  };
  return library;
}

function validateCalls(page) {
  // A saved version is checked by number; the working copy (what opening a process shows) as version null.
  return page.evaluate(() =>
    window.__fakeShellCalls
      .filter((c) => c.command === "validate_process" || c.command === "validate_draft")
      .map((c) => ({ id: c.args.id, version: c.command === "validate_draft" ? null : c.args.version })),
  );
}

export async function problemsChecks({ browser, baseUrl, samples, fixtures, screenshotDir, check, assert, openPage, openProcess, diagramData }) {
  const { page, context, problems } = await openPage(browser, baseUrl, brokenLibrary(samples, fixtures));
  const shot = (name) => page.screenshot({ path: join(screenshotDir, name) });
  const vendor = fixtures.vendorPayments;
  const execute = nodeRect(vendor, "Execute payment run");

  await check("problems: a broken design is summarised in the status bar and badged on the canvas", async () => {
    await openProcess(page, "Vendor payments");
    await page.waitForSelector("#problem-summary:not([hidden])");
    assert((await page.textContent("#problem-summary")) === "6 errors · 2 warnings", await page.textContent("#problem-summary"));
    assert((await page.textContent("#problems-count")) === "8", "the toolbar button counts them");
    const calls = await validateCalls(page);
    assert(JSON.stringify(calls.at(-1)) === JSON.stringify({ id: vendor.id, version: null }), `validation args ${JSON.stringify(calls)}`);
    // Eight problems on seven elements: two nodes, an end event, a start, two flows and a lane.
    await page.waitForSelector('#diagram[data-decorated="7"]');
    const title = await page.getAttribute("#problems-toggle", "title");
    assert(/Ctrl\+Shift\+M/.test(title ?? ""), `the toggle names its shortcut: ${title}`);
  });

  await check("problems: Ctrl+Shift+M opens the panel, errors first, each with message and hint", async () => {
    assert(await page.isHidden("#problems-panel"), "starts closed");
    await page.keyboard.press("Control+Shift+M");
    await page.waitForSelector("#problems-panel:not([hidden]) [data-problem-code]");
    assert((await page.getAttribute("#problems-toggle", "aria-pressed")) === "true", "toggle pressed");
    const groups = await page.$$eval("#problems-panel .problem-group", (g) => g.map((e) => e.textContent));
    assert(groups.join("|") === "Errors6|Warnings2", `groups: ${groups}`);
    const rows = await page.$$eval("#problems-panel [data-problem-code]", (r) =>
      r.map((e) => ({ code: e.dataset.problemCode, severity: e.dataset.severity, text: e.textContent })),
    );
    const severities = rows.map((r) => r.severity).join();
    assert(severities === "error,error,error,error,error,error,warning,warning", `errors first: ${severities}`);
    const deadEnd = rows.find((r) => r.code === "dead-end");
    assert(/"Execute payment run" has no outgoing flow/.test(deadEnd.text) && /Connect it to the next step/.test(deadEnd.text), deadEnd.text);
    await page.waitForFunction(() => document.activeElement?.id === "problem-list");
    await shot("problems-panel.png");
  });

  await check("problems: choosing a problem selects and centres its element, with its properties and context pad", async () => {
    await page.click('#problems-panel [data-problem-code="dead-end"]');
    await page.waitForSelector(`#diagram[data-selected="${execute.id}"]`);
    await waitCentred(page, execute);
    await page.waitForFunction((name) => document.querySelector('#properties-panel [name="name"]')?.value === name, "Execute payment run");
    await page.waitForSelector("#context-pad:not([hidden])");
    await shot("problems-selected-pad.png");
    const flow = fixtures.vendorProblems.find((p) => p.code === "condition-type").element;
    await page.click('#problems-panel [data-problem-code="condition-type"]');
    await page.waitForSelector(`#diagram[data-selected="${flow}"]`);
    await shot("problems-selected.png");
  });

  await check("problems: clicking a badged element highlights its problem", async () => {
    const post = nodeRect(vendor, "Post payment to ledger");
    await page.click('#problems-panel [data-problem-code="task-without-assignee"]');
    await page.waitForSelector(`#diagram[data-selected="${post.id}"]`);
    await page.click('#problems-panel [data-problem-code="dead-end"]');
    // The canvas moves its view at once but reports the new offset with the next painted frame:
    // read where "Post payment" is only after that frame, or the click lands where it was before.
    await page.waitForSelector(`#diagram[data-selected="${execute.id}"]`);
    await waitCentred(page, execute);
    const at = await pagepoint(page, { x: post.x + post.w / 2, y: post.y + post.h / 2 });
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector(`#diagram[data-selected="${post.id}"]`);
    const selected = await page.$$eval('#problems-panel [aria-selected="true"]', (r) => r.map((e) => e.dataset.problemCode));
    assert(selected.join() === "unreachable", `its first problem is highlighted: ${selected}`);
  });

  await check("problems: a clean design says No problems", async () => {
    await openProcess(page, "Employee onboarding");
    await page.waitForFunction(() => document.querySelector("#problem-summary").textContent === "No problems");
    await page.waitForSelector("#problems-panel .problems-clean:not([hidden])");
    assert((await diagramData(page)).decorated === "0", "no badges");
    assert(await page.isHidden("#problems-count"), "no count on the toolbar");
  });

  await check("problems: switching versions re-validates once, after a quiet moment", async () => {
    await openProcess(page, "Accounts payable");
    await page.waitForFunction(() => document.querySelector("#problems-panel .panel-count").textContent === "Accounts payable (working copy)");
    const before = (await validateCalls(page)).length;
    await page.keyboard.press("Control+h");
    await page.click('#history-panel li[data-version="1"]');
    await page.click("#process-header .back-to-latest");
    await page.waitForSelector('#diagram[data-version="2"]');
    await page.waitForTimeout(700);
    const calls = (await validateCalls(page)).slice(before);
    assert(calls.length === 1 && calls[0].version === null, `one check, of the working copy: ${JSON.stringify(calls)}`);
    await page.keyboard.press("Control+Shift+M");
    await page.waitForSelector("#problems-panel", { state: "hidden" });
  });

  await check("problems: a deadlock's run plays on the canvas step by step", async () => {
    await openProcess(page, "Purchase requests");
    await page.waitForFunction(() => document.querySelector("#problem-summary").textContent === "1 error");
    if (await page.isHidden("#problems-panel")) await page.keyboard.press("Control+Shift+M");
    await page.click('#problems-panel [data-problem-code="deadlock"] .problem-play');
    const steps = fixtures.deadlockProblems[0].path.length;
    await page.waitForSelector(`#counterexample-bar[data-step="${steps}"]`);
    await page.waitForSelector('#diagram[data-mode="counterexample"]');
    const text = await page.textContent("#counterexample-bar");
    assert(/Get quotes fired/.test(text) && /wait forever/.test(text), `the last step names the firing and the problem: ${text}`);
    // The fired step lit, a token waiting at the join, and the join's error marker.
    assert(Number((await diagramData(page)).decorated) === 3, `decorated ${(await diagramData(page)).decorated}`);
    await shot("problems-deadlock-run.png");
    await page.click("#counterexample-back");
    await page.waitForSelector(`#counterexample-bar[data-step="${steps - 1}"]`);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#counterexample-bar", { state: "hidden" });
    await page.waitForSelector('#diagram[data-mode="view"]');
  });

  await check("problems: a blank process shows where to start instead of errors and warnings", async () => {
    await openProcess(page, "Travel claims");
    const hint = "Start here: add the first step after Start from the palette";
    await page.waitForFunction((text) => document.querySelector("#problem-summary")?.textContent === text, hint);
    assert((await page.getAttribute("#problem-summary", "data-level")) === "hint", "shown as a hint, not an error");
    assert(await page.isHidden("#problems-count"), "no count of problems");
    if (await page.isHidden("#problems-panel")) await page.keyboard.press("Control+Shift+M");
    await page.waitForSelector("#problems-panel:not([hidden])");
    assert(/Start here/.test(await page.textContent("#problems-panel")), "the panel says where to start");
    assert((await page.$$("#problems-panel [data-problem-code]")).length === 0, "no problem rows");
    await page.waitForSelector('#diagram[data-decorated="0"]');
    await shot("problems-blank-hint.png");
    await page.keyboard.press("Control+Shift+M");
  });

  await check("tamper: a clean library shows no tamper banner", async () => {
    const calls = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "verify_library"));
    assert(calls.length === 1 && JSON.stringify(calls[0].args) === "{}", `verify_library once at start-up: ${JSON.stringify(calls)}`);
    assert(await page.isHidden("#tamper-banner"), "no banner");
  });

  await check("problems: no page errors or CSP violations", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();

  await check("tamper: problems from verify_library show a persistent warning with details", async () => {
    const run = await openPage(browser, baseUrl, { ...sampleLibrary(samples), verify: fixtures.verifyTampered });
    await run.page.waitForSelector("#tamper-banner:not([hidden])");
    const text = await run.page.textContent("#tamper-banner .tamper-text");
    assert(/This library was changed outside Flowlane/.test(text) && /4 problems/.test(text) && /2 saved versions/.test(text), text);
    assert(await run.page.isHidden("#error-banner"), "distinct from the error banner");
    assert(!(await run.page.$("#tamper-banner .error-dismiss")), "it cannot be dismissed");
    assert(await run.page.isHidden("#tamper-details"), "details folded");
    await run.page.click("#tamper-banner .tamper-toggle");
    const items = await run.page.$$eval("#tamper-details li[data-kind]", (li) => li.map((e) => `${e.dataset.kind}: ${e.textContent}`));
    // Editing a stored version by hand also leaves the version stored against it unreadable.
    const kinds = ["missing_trigger: Library", "unreadable_row: Accounts payable v2", "edited_definition: Accounts payable v2", "unreadable_row: Accounts payable v3"];
    assert(items.length === 4 && kinds.every((kind, i) => items[i].startsWith(kind)), `details: ${items}`);
    assert((await run.page.getAttribute("#tamper-banner .tamper-toggle", "aria-expanded")) === "true", "expanded");
    await openProcess(run.page, "Accounts payable");
    assert(await run.page.isVisible("#tamper-banner"), "stays while working");
    await run.page.waitForSelector("#problem-summary:not([hidden])");
    await run.page.screenshot({ path: join(screenshotDir, "tamper-banner.png") });
    assert(run.problems.length === 0, run.problems.join("\n"));
    await run.context.close();
  });
}
