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
    await page.waitForSelector('#sync-result[data-state="busy"]');
    assert((await page.getAttribute("#sync-button", "aria-busy")) === "true", "the button is busy while syncing");
    assert(await page.isDisabled("#sync-button"), "a second press waits for the first");
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
