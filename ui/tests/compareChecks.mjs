// Browser checks of compare mode: overlay, change list synced with the canvas, text diff, exit.
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

/** Accounts payable with three versions (v3 from tests/fixtures) and the core's comparisons. */
export function compareLibrary(samples, fixtures) {
  const library = sampleLibrary(samples);
  const id = samples.payablesV1.id;
  library.histories = library.histories.map((h) => (h[0].id === id ? [...h, fixtures.payablesV3] : h));
  library.saves[id].push({ author: "Priya Raman", message: "Pay without waiting for the run; approvers correct invoices" });
  library.comparisons = [fixtures.compareV1V2, fixtures.compareV2V3];
  return library;
}

/** World rectangle of a node: lanes stacked by order (layout heights, default 160), y relative to its lane. */
export function nodeRect(process, name) {
  const node = process.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node "${name}"`);
  let top = 0;
  for (const lane of [...process.lanes].sort((a, b) => a.order - b.order)) {
    if (lane.id === node.lane) break;
    top += process.layout.lanes[lane.id] ?? 160;
  }
  const box = process.layout.nodes[node.id];
  return { id: node.id, x: box.x, y: top + box.y, w: box.w, h: box.h };
}

/**
 * Where a world point is on the page, from the canvas's data-zoom and data-offset. The canvas writes
 * those with the frame it paints, so a view change asked for just before is only seen after the
 * next animation frame: wait for it, or the point is where the element was.
 */
export async function pagepoint(page, world) {
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
  const box = await page.locator("#diagram").boundingBox();
  const data = await page.$eval("#diagram", (el) => ({ ...el.dataset }));
  const [ox, oy] = data.offset.split(",").map(Number);
  const zoom = Number(data.zoom);
  return { x: box.x + world.x * zoom + ox, y: box.y + world.y * zoom + oy, box };
}

/** Waits until the middle of world rectangle `r` is in the middle of the canvas. */
export async function waitCentred(page, r) {
  const world = { x: r.x + r.w / 2, y: r.y + r.h / 2 };
  await page.waitForFunction((p) => {
    const el = document.querySelector("#diagram");
    const [ox, oy] = el.dataset.offset.split(",").map(Number);
    const zoom = Number(el.dataset.zoom);
    const box = el.getBoundingClientRect();
    return box.width > 0 && Math.abs(p.x * zoom + ox - box.width / 2) < 2 && Math.abs(p.y * zoom + oy - box.height / 2) < 2;
  }, world);
}

function rowsOf(page) {
  return page.$$eval("#change-list [data-change-status]", (rows) =>
    rows.map((r) => ({ status: r.dataset.changeStatus, id: r.dataset.elementId, text: r.textContent, selected: r.getAttribute("aria-selected") })),
  );
}

export async function compareChecks({ browser, baseUrl, samples, fixtures, screenshotDir, check, assert, openPage, openProcess, diagramData }) {
  const library = compareLibrary(samples, fixtures);
  const { page, context, problems } = await openPage(browser, baseUrl, library);
  const shot = (name) => page.screenshot({ path: join(screenshotDir, name) });
  const v2 = samples.payablesV2;
  const cfo = nodeRect(v2, "CFO approval");

  await check("compare: 'Compare with previous' on v2 shows the CFO lane and steps as added", async () => {
    await openProcess(page, "Accounts payable");
    await page.keyboard.press("Control+h");
    await page.click('#history-panel li[data-version="2"]');
    await page.waitForSelector('#diagram[data-version="2"]');
    const tooltip = await page.getAttribute("#history-panel .compare-previous", "title");
    assert(/v1 to v2/.test(tooltip ?? ""), `tooltip: ${tooltip}`);
    await page.click("#history-panel .compare-previous");
    await page.waitForSelector('#diagram[data-mode="compare"][data-version="2"]');
    const call = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "compare_versions").at(-1));
    assert(JSON.stringify(call.args) === JSON.stringify({ id: v2.id, from: 1, to: 2 }), `compare_versions args ${JSON.stringify(call.args)}`);
    const data = await diagramData(page);
    // The CFO lane, its three nodes and six flows, and the wait for a corrected invoice (five
    // nodes, five new flows and the re-targeted one) are drawn decorated; the new variable has no shape.
    assert(data.decorated === "21", `decorated elements: ${data.decorated}`);
    assert(await page.isHidden("#history-panel"), "the history panel makes room for the change list");
    assert(await page.isVisible("#compare-bar .compare-legend"), "legend shown");
    const rows = await rowsOf(page);
    const added = rows.filter((r) => r.status === "added");
    assert(added.some((r) => r.id === cfo.id && /CFO approval/.test(r.text) && /Assignee\s*CFO/.test(r.text)), "CFO approval listed as added with its assignee");
    assert(added.some((r) => /Executive approval/.test(r.text) && /CFO office/.test(r.text)), "the CFO lane listed as added with its team");
    const approved = rows.find((r) => r.status === "changed" && /'Approved\?' → 'Over 10,000\?'/.test(r.text));
    assert(approved && /re-created/.test(approved.text) && /Schedule payment\s*→\s*Over 10,000\?/.test(approved.text), `re-targeted "approved" flow: ${approved?.text}`);
    const groups = await page.$$eval("#change-list .change-group-title", (h) => h.map((e) => e.textContent));
    assert(groups.join() === "Process,Lanes,Nodes,Flows", `groups: ${groups}`);
    assert((await page.textContent("#change-list .panel-count")) === "20 added · 2 changed", "summary");
    assert(/v1 → v2/.test(await page.textContent("#process-header")), "header names both versions");
    await shot("compare-ap-v1-v2.png");
  });

  await check("compare: choosing a change selects its element and centres it", async () => {
    await page.click(`#change-list [data-element-id="${cfo.id}"]`);
    await page.waitForSelector(`#diagram[data-selected="${cfo.id}"]`);
    await waitCentred(page, cfo);
    assert((await page.getAttribute(`#change-list [data-element-id="${cfo.id}"]`, "aria-selected")) === "true", "the row is marked");
    await shot("compare-selected-change.png");
  });

  await check("compare: clicking an element on the canvas highlights its change", async () => {
    const gateway = nodeRect(v2, "Over 10,000?");
    const at = await pagepoint(page, { x: gateway.x + gateway.w / 2, y: gateway.y + gateway.h / 2 });
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector(`#diagram[data-selected="${gateway.id}"]`);
    const row = `#change-list [data-element-id="${gateway.id}"]`;
    await page.waitForSelector(`${row}[aria-selected="true"]`);
    const visible = await page.$eval(row, (el) => {
      const list = el.closest("ul").getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.top >= list.top && r.bottom <= list.bottom;
    });
    assert(visible, "the highlighted change is scrolled into view");
    // Empty canvas clears both.
    const empty = await pagepoint(page, { x: 1300, y: 470 });
    await page.mouse.click(empty.x, empty.y);
    await page.waitForFunction(() => document.querySelector("#diagram").dataset.selected === undefined);
    assert((await page.$$('#change-list [aria-selected="true"]')).length === 0, "no change highlighted");
  });

  await check("compare: the text tab shows old and new side by side with changed words emphasised", async () => {
    await page.click("#compare-tab-text");
    await page.waitForSelector("#text-diff:not([hidden]) tr[data-row-tag]");
    assert(await page.isHidden("#canvas-host"), "the text replaces the canvas");
    const changed = await page.$$eval('#text-diff tr[data-row-tag="changed"]', (rows) =>
      rows.map((r) => ({ cells: r.children.length, marks: [...r.querySelectorAll("mark.word-changed")].map((m) => m.textContent) })),
    );
    assert(changed.length === 2 && changed.every((c) => c.cells === 4), `two changed rows, four cells each: ${JSON.stringify(changed)}`);
    assert(changed[0].marks.join("|") === '"Match to purchase order"|"Corrected invoice?"', `emphasised words: ${changed[0].marks}`);
    assert(changed[1].marks.join("|") === '"Schedule payment"|"Over 10,000?"', `emphasised words: ${changed[1].marks}`);
    const numbers = await page.$$eval('#text-diff tr[data-row-tag="changed"]', (rows) => rows.map((r) => `${r.children[0].textContent},${r.children[2].textContent}`));
    assert(numbers.join(" ") === "19,20 29,40", `line numbers old 19 and 29, new 20 and 40: ${numbers}`);
    const added = await page.$$eval('#text-diff tr[data-row-tag="added"]', (rows) => rows.length);
    assert(added === 20, `twenty added lines: ${added}`);
    assert(await page.isHidden("#compare-bar .compare-legend"), "the legend is for the diagram only");
    await shot("compare-text.png");
    await page.click('#text-diff .segment[data-layout="unified"]');
    await page.waitForSelector("#text-diff .text-diff-unified");
    const signs = await page.$$eval("#text-diff .text-sign", (cells) => cells.map((c) => c.textContent).join(""));
    assert(signs.startsWith("−+") || signs.includes("−+"), `unified: the changed line as − then +: ${signs}`);
    assert((await page.$$("#text-diff tr[data-row-tag=changed]")).length === 0, "no two-sided rows when unified");
    await shot("compare-text-unified.png");
    await page.click('#text-diff .segment[data-layout="split"]');
    // Choosing a change goes back to the diagram, centred on it once the canvas has its size again.
    const gateway = nodeRect(v2, "Over 10,000?");
    await page.click(`#change-list [data-element-id="${gateway.id}"]`);
    await page.waitForSelector("#canvas-host:not([hidden])");
    await waitCentred(page, gateway);
    assert(Number((await diagramData(page)).zoom) >= 0.8, "at a readable zoom");
  });

  await check("compare: layout-only changes wait behind a toggle", async () => {
    const toggle = "#change-list .layout-toggle";
    assert((await page.textContent(toggle)) === "Show layout changes (6)", await page.textContent(toggle));
    assert((await page.$$('#change-list [data-change-status="layout"]')).length === 0, "hidden by default");
    await page.click(toggle);
    const layout = await page.$$eval('#change-list [data-change-status="layout"]', (rows) => rows.map((r) => r.textContent));
    assert(layout.length === 6 && layout.some((t) => /Schedule payment/.test(t) && /moved 340 px right/.test(t)), `layout rows: ${layout}`);
    assert(!layout.some((t) => /x=\d/.test(t)), `no raw coordinates: ${layout}`);
    const marks = await page.$$eval('#change-list [data-change-status="changed"] .change-mark', (m) => m.map((e) => [e.textContent, e.title]));
    assert(marks.length > 0 && marks.every(([mark, title]) => mark === "✎" && title === "Changed"), `changed marks: ${JSON.stringify(marks)}`);
    await shot("compare-layout-changes.png");
    await page.click(toggle);
    assert((await page.$$('#change-list [data-change-status="layout"]')).length === 0, "hidden again");
  });

  await check("compare: Exit compare returns to the normal view and the history panel", async () => {
    await page.keyboard.press("Escape");
    await page.waitForSelector('#diagram[data-mode="view"][data-decorated="0"]');
    assert(await page.isHidden("#change-list"), "change list gone");
    assert(await page.isHidden("#compare-bar"), "compare bar gone");
    await page.waitForSelector("#history-panel li[data-version]");
    assert((await diagramData(page)).version === "2", "back on v2");
  });

  await check("compare: v2 → v3 via 'Compare with…' shows a lane move, a ghosted removal and field changes", async () => {
    await page.click('#history-panel li[data-version="3"]');
    await page.waitForSelector('#diagram[data-version="3"]');
    await page.click("#history-panel .compare-with");
    await page.waitForSelector("#compare-from");
    const picked = await page.$eval("#compare-from", (s) => s.value) + "," + (await page.$eval("#compare-to", (s) => s.value));
    assert(picked === "2,3", `defaults to the version before: ${picked}`);
    await shot("compare-form.png");
    await page.selectOption("#compare-from", "3");
    await page.selectOption("#compare-to", "2");
    await page.click('#history-panel .compare-form button[type="submit"]');
    await page.waitForSelector('#diagram[data-mode="compare"][data-version="3"]');
    const rows = await rowsOf(page);
    const moved = rows.find((r) => r.status === "moved");
    assert(moved && /Correct invoice details/.test(moved.text) && /moved into lane Invoice approval \(from Invoice intake\)/.test(moved.text), `move: ${moved?.text}`);
    const timer = rows.find((r) => r.status === "removed" && /Next payment run/.test(r.text) && r.text.includes("timer"));
    assert(timer, `removed timer: ${JSON.stringify(rows)}`);
    assert(rows.some((r) => r.status === "changed" && /Execute payment run\s*→\s*Run payment batch/.test(r.text)), "rename old → new");
    assert(rows.some((r) => r.status === "changed" && /SLA\s*30d\s*→\s*25d/.test(r.text)), "process SLA");
    // Removed timer and flow are ghosts; both count as decorated.
    assert((await diagramData(page)).decorated === "7", `decorated: ${(await diagramData(page)).decorated}`);
    await shot("compare-ap-v2-v3.png");
    await page.click(`#change-list [data-element-id="${timer.id}"]`);
    await page.waitForSelector(`#diagram[data-selected="${timer.id}"]`);
    await page.click("#exit-compare");
    await page.waitForSelector('#diagram[data-mode="view"]');
  });

  await check("compare: no page errors or CSP violations", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();

  await check("compare: a removed lane is ghosted below the lanes that remain, with its steps", async () => {
    const restored = { ...sampleLibrary(samples), comparisons: [fixtures.compareRestored] };
    restored.histories = restored.histories.map((h) => (h[0].id === v2.id ? [...h, samples.payablesV1] : h));
    const run = await openPage(browser, baseUrl, restored);
    await openProcess(run.page, "Accounts payable");
    await run.page.keyboard.press("Control+h");
    await run.page.click("#history-panel .compare-previous");
    await run.page.waitForSelector('#diagram[data-mode="compare"][data-version="3"]');
    const lane = v2.lanes.find((l) => l.name === "Executive approval").id;
    const row = await run.page.$eval(`#change-list [data-element-id="${lane}"]`, (r) => [r.dataset.changeStatus, r.textContent]);
    assert(row[0] === "removed" && /CFO office/.test(row[1]), `lane row: ${row}`);
    // The CFO lane with its steps and flows, and the wait for a corrected invoice, are ghosts;
    // the two re-targeted flows are changed.
    assert((await diagramData(run.page)).decorated === "21", `decorated: ${(await diagramData(run.page)).decorated}`);
    await run.page.click(`#change-list [data-element-id="${lane}"]`);
    await run.page.waitForSelector(`#diagram[data-selected="${lane}"]`);
    await run.page.click("#zoom-fit");
    await run.page.screenshot({ path: join(screenshotDir, "compare-removed-lane.png") });
    assert(run.problems.length === 0, run.problems.join("\n"));
    await run.context.close();
  });
}
