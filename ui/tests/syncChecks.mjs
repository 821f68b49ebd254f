// Browser checks of sync: the top-bar Sync button (progress, then the result line), the merge
// panel with conflicts side by side (pick mine / theirs per conflict, save), and linking a
// library that is not linked yet. Conflict values and the result line are as the core words
// them (src/sync/summary.rs, src/sync/merge).
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

function renamed(process, names) {
  let text = JSON.stringify(process);
  for (const [from, to] of Object.entries(names)) text = text.replaceAll(JSON.stringify(from), JSON.stringify(to));
  return JSON.parse(text);
}

function nodeId(process, name) {
  return process.nodes.find((n) => n.name === name).id;
}

/** Bob's library: Ana renamed two tasks and pushed; Bob renamed one of them too and deleted the other. */
function linkedLibrary(samples) {
  const onboarding = samples.onboarding;
  const conflicts = [
    {
      number: 1,
      key: `node:${nodeId(onboarding, "Collect new-hire documents")}:name`,
      element: "node",
      anchor: nodeId(onboarding, "Collect new-hire documents"),
      name: "Gather hiring paperwork",
      field: "name",
      mine: "Gather hiring paperwork",
      theirs: "Collect documents",
      choice: null,
      dependents: [],
      consequence: null,
      fate: null,
      needs_confirmation: false,
    },
    {
      number: 2,
      key: `node:${nodeId(onboarding, "Issue building badge")}:deleted`,
      element: "node",
      anchor: nodeId(onboarding, "Issue building badge"),
      name: "Issue building badge",
      field: "deleted",
      mine: null,
      theirs: "kept, changed (name: Issue building badge → Issue access badge)",
      choice: null,
      dependents: [],
      consequence: null,
      fate: null,
      needs_confirmation: false,
    },
  ];
  return {
    ...sampleLibrary(samples),
    sync: {
      remote: "/srv/share/processes.git",
      about: "ana's v2 “Shorter task names”",
      result: {
        summary: "2 new versions from 2 people · pushed 1 change · “Employee onboarding” needs a merge (2 conflicts)",
        merges: [{ process: onboarding.id, name: "Employee onboarding", conflicts, lanes: [] }],
      },
      merged: { [onboarding.id]: renamed(onboarding, { "Collect new-hire documents": "Collect documents", "Issue building badge": "Issue access badge" }) },
    },
  };
}

/** Bob's library: Ana moved "Request system access" into "Workspace preparation"; Bob deleted that lane. */
function laneDeletedLibrary(samples) {
  const onboarding = samples.onboarding;
  const lane = (name) => onboarding.lanes.find((l) => l.name === name).id;
  const step = nodeId(onboarding, "Request system access");
  const conflicts = [
    {
      number: 1,
      key: `lane:${lane("Workspace preparation")}:deleted`,
      element: "lane",
      anchor: lane("Workspace preparation"),
      name: "Workspace preparation",
      field: "deleted",
      mine: null,
      theirs: "kept, changed (steps added, moved into it or changed)",
      choice: null,
      dependents: [
        { element: "node", id: step, name: "Request system access", how: "moved into it", kept_in: { lane: lane("IT provisioning"), name: "IT provisioning", why: "the lane it came from" } },
        { element: "flow", id: "flow-1", name: "Confirm hire in HR system → Request system access", how: "of a step in it", kept_in: null },
      ],
      consequence:
        'deleting lane "Workspace preparation" would also delete the step "Request system access" that ana moved into it and its flow "Confirm hire in HR system → Request system access"; unless that is confirmed, "Request system access" is kept in lane "IT provisioning" (the lane it came from)',
      fate: null,
      needs_confirmation: false,
    },
  ];
  const lanes = [...onboarding.lanes].sort((a, b) => a.order - b.order).map((l) => ({ id: l.id, name: l.name }));
  return {
    ...sampleLibrary(samples),
    sync: {
      remote: "/srv/share/processes.git",
      about: "ana's v2 “Access requested by workspace team”",
      result: { summary: "“Employee onboarding” needs a merge (1 conflict)", merges: [{ process: onboarding.id, name: "Employee onboarding", conflicts, lanes }] },
      merged: { [onboarding.id]: onboarding },
    },
  };
}

function calls(page, command) {
  return page.evaluate((name) => window.__fakeShellCalls.filter((c) => c.command === name), command);
}

export async function syncChecks({ browser, baseUrl, samples, screenshotDir, check, assert, openPage, openProcess }) {
  const { page, context, problems } = await openPage(browser, baseUrl, linkedLibrary(samples));
  const shot = (name) => page.screenshot({ path: join(screenshotDir, name) });

  await check("sync: the Sync button shows progress, then the result in one line", async () => {
    await openProcess(page, "Employee onboarding");
    assert(await page.isVisible("#sync-button"), "the top bar has a Sync button");
    await page.click("#sync-button");
    // Read in one go while the result says busy: the fake sync may finish before a second read.
    const whileBusy = await page.waitForFunction(() => {
      const button = document.querySelector("#sync-button");
      if (document.querySelector("#sync-result")?.dataset.state !== "busy") return null;
      return { busy: button.getAttribute("aria-busy"), disabled: button.disabled };
    });
    const busy = await whileBusy.jsonValue();
    assert(busy.busy === "true", "the button is busy while syncing");
    assert(busy.disabled, "a second press waits for the first");
    await page.waitForSelector('#sync-result[data-state="done"]');
    const text = await page.textContent("#sync-result");
    assert(text.startsWith("2 new versions from 2 people"), `result line: ${text}`);
    assert(!(await page.isDisabled("#sync-button")), "the button is back");
    assert((await calls(page, "sync_now")).length === 1, "one sync_now call");
  });

  await check("sync: the merge panel lists each conflict with mine and theirs side by side", async () => {
    await page.waitForSelector("#sync-panel:not([hidden]) .sync-conflict");
    const rows = await page.$$eval("#sync-panel .sync-conflict", (items) =>
      items.map((li) => ({
        title: li.querySelector(".sync-conflict-title").textContent,
        mine: li.querySelector('[data-side="mine"]').textContent,
        theirs: li.querySelector('[data-side="theirs"]').textContent,
      })),
    );
    assert(rows.length === 2, `two conflicts: ${JSON.stringify(rows)}`);
    assert(rows[0].title === "1. node “Gather hiring paperwork” · name", `first title: ${rows[0].title}`);
    assert(rows[0].mine === "Gather hiring paperwork" && rows[0].theirs === "Collect documents", `both values: ${JSON.stringify(rows[0])}`);
    assert(rows[1].mine === "deleted" && /Issue access badge/.test(rows[1].theirs), `delete vs change: ${JSON.stringify(rows[1])}`);
    const [mineBox, theirsBox] = await Promise.all(
      ['[data-conflict="1"] [data-side="mine"]', '[data-conflict="1"] [data-side="theirs"]'].map((s) => page.locator(s).boundingBox()),
    );
    assert(Math.abs(mineBox.y - theirsBox.y) < 1 && mineBox.x < theirsBox.x, "mine on the left, theirs on the right, one row");
    assert(await page.isDisabled("#sync-panel .sync-save"), "Save waits until every conflict has a choice");
    await page.click('[data-conflict="1"] [data-side="theirs"]');
    assert(/1 of 2 still to choose/.test(await page.textContent("#sync-panel .sync-merge-status")), "what is left is counted");
    // The canvas marks both conflicting steps of the process it shows; a conflict's title shows its step.
    await openProcess(page, "Employee onboarding");
    await page.waitForSelector('#diagram[data-decorated="2"]');
    await page.click('[data-conflict="2"] .sync-conflict-title');
    const badge = nodeId(samples.onboarding, "Issue building badge");
    await page.waitForSelector(`#diagram[data-selected="${badge}"]`);
    await shot("sync-conflicts.png");
  });

  await check("sync: choosing a side per conflict and saving saves the merge as a version, shown on the canvas", async () => {
    await page.click('[data-conflict="2"] [data-side="mine"]');
    assert((await page.getAttribute('[data-conflict="2"] [data-side="mine"]', "aria-checked")) === "true", "the pick shows");
    assert(!(await page.isDisabled("#sync-panel .sync-save")), "Save is enabled");
    await page.click("#sync-panel .sync-save");
    await page.waitForSelector("#sync-panel", { state: "hidden" });
    const [call] = await calls(page, "resolve_merge");
    assert(JSON.stringify(call.args.choices) === JSON.stringify([[1, "theirs"], [2, "mine"]]), `choices sent: ${JSON.stringify(call.args)}`);
    await page.waitForSelector('#process-list li:has-text("Employee onboarding"):has-text("v2")');
    await page.waitForSelector('#diagram[data-version="2"][data-read-only="false"]');
    const state = await page.evaluate(() => window.__TAURI__.core.invoke("sync_state", {}));
    assert(state.merges.length === 0, "no merge waits any more");
  });

  await check("sync: no page errors", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();

  const deleted = await openPage(browser, baseUrl, laneDeletedLibrary(samples));
  await check("sync: a lane deletion names the step it takes along; keeping it or deleting it (each confirmed) is asked", async () => {
    const p = deleted.page;
    const row = '#sync-panel [data-conflict="1"]';
    await openProcess(p, "Employee onboarding");
    await p.click("#sync-button");
    await p.waitForSelector(`${row} .sync-consequence`);
    assert(/the step "Request system access" that ana moved into it/.test(await p.textContent(`${row} .sync-consequence`)), "the step is named");
    assert(!(await p.isVisible(`${row} .sync-fate`)), "nothing more is asked while the lane is kept");
    await p.click(`${row} [data-side="mine"]`);
    await p.waitForSelector(`${row} .sync-fate`);
    assert(await p.isChecked(`${row} .sync-keep`), "keeping is the default");
    const options = await p.$$eval(`${row} .sync-keep-lane option`, (os) => os.map((o) => o.textContent));
    assert(options[0] === "the lane each came from" && !options.includes("Workspace preparation"), `lanes offered: ${options}`);
    assert(/kept in IT provisioning \(the lane it came from\)/.test(await p.textContent(`${row} .sync-dependent`)), "where it goes");
    assert(!(await p.isDisabled("#sync-panel .sync-save")), "keeping needs nothing more");
    await p.selectOption(`${row} .sync-keep-lane`, { label: "First-weeks plan" });
    assert(/kept in First-weeks plan \(the lane picked\)/.test(await p.textContent(`${row} .sync-dependent`)), "the picked lane");
    await p.check(`${row} .sync-drop`);
    assert(await p.isDisabled("#sync-panel .sync-save"), "deleting waits for a confirmation of each");
    const boxes = await p.$$(`${row} .sync-confirm`);
    assert(boxes.length === 2, `one box per step and flow: ${boxes.length}`);
    await p.check(`${row} .sync-dependent:nth-child(1) .sync-confirm`);
    assert(await p.isDisabled("#sync-panel .sync-save"), "every one is confirmed, not some");
    await p.check(`${row} .sync-dependent:nth-child(2) .sync-confirm`);
    assert(!(await p.isDisabled("#sync-panel .sync-save")), "all confirmed");
    await p.screenshot({ path: join(screenshotDir, "sync-lane-delete.png") });
    await p.click("#sync-panel .sync-save");
    await p.waitForSelector("#sync-panel", { state: "hidden" });
    const [call] = await calls(p, "resolve_merge");
    assert(JSON.stringify(call.args.fates) === JSON.stringify([[1, { kind: "drop" }]]), `fates sent: ${JSON.stringify(call.args)}`);
    assert(deleted.problems.length === 0, deleted.problems.join("\n"));
  });
  await deleted.context.close();

  const unlinked = await openPage(browser, baseUrl, sampleLibrary(samples));
  await check("sync: an unlinked library asks for the shared repository first", async () => {
    const p = unlinked.page;
    await p.waitForSelector("#process-list li");
    await p.click("#sync-button");
    await p.waitForSelector("#sync-link-form:not([hidden])");
    assert((await calls(p, "sync_now")).length === 0, "nothing is synced before a link");
    await p.fill("#sync-link-url", "/srv/share/processes.git");
    await p.click('#sync-link-form button[type="submit"]');
    await p.waitForSelector("#sync-link-form", { state: "hidden" });
    const text = await p.textContent("#sync-result");
    assert(text === "Linked to /srv/share/processes.git; press Sync", `result: ${text}`);
    const [call] = await calls(p, "link_remote");
    assert(call.args.url === "/srv/share/processes.git", `link_remote {url}: ${JSON.stringify(call)}`);
    assert(unlinked.problems.length === 0, unlinked.problems.join("\n"));
  });
  await unlinked.context.close();
}
