// Browser checks of a first hour with the editor at a laptop's 1280×800: nothing covers the
// diagram (docked palette, folding panels, a pad beside the selection), the top bar keeps its
// state whole, keyboard zoom keeps the step looked at in place, a minimap for a view smaller than
// the process, and the affordances (ghost, preview line, rename in place, right-click menu,
// keyboard placement, Undo naming its action). Screenshots go to target/e2e/first-hour/.
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openEditingPage } from "./fakeEditing.mjs";
import { sampleLibrary } from "./fakeShell.mjs";

const shotsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../target/e2e/first-hour");

/** How much two client rectangles overlap (pixels²). */
function overlap(a, b) {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export async function firstHourChecks({ browser, baseUrl, samples, check, assert, openProcess, diagramData }) {
  await mkdir(shotsDir, { recursive: true });
  const { context, page, problems } = await openEditingPage(browser, baseUrl, sampleLibrary(samples), { width: 1280, height: 800, scale: 1 });
  const shot = (name) => page.screenshot({ path: join(shotsDir, name) });
  const process = samples.payablesV2;
  const working = () => page.evaluate((id) => window.__fakeEditing.get(id).process, process.id);
  const edits = () => page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "edit_process").map((c) => c.args.command));
  const painted = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

  /** Client rectangle of a node of the working copy, from its layout and the lanes above it. */
  const nodeBox = async (id) => {
    await painted();
    const p = await working();
    const node = p.nodes.find((n) => n.id === id);
    let top = 0;
    for (const lane of [...p.lanes].sort((a, b) => a.order - b.order)) {
      if (lane.id === node.lane) break;
      top += p.layout.lanes[lane.id] ?? 160;
    }
    const b = p.layout.nodes[id];
    const data = await diagramData(page);
    const [ox, oy] = data.offset.split(",").map(Number);
    const zoom = Number(data.zoom);
    const canvas = await page.locator("#diagram").boundingBox();
    return { x: canvas.x + ox + b.x * zoom, y: canvas.y + oy + (b.y + top) * zoom, width: b.w * zoom, height: b.h * zoom };
  };
  const middle = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
  const task = process.nodes.find((n) => n.name === "Register invoice");

  await check("first hour: at 1280×800 the palette is docked beside the diagram and the properties wait for a selection", async () => {
    await openProcess(page, "Accounts payable");
    const palette = await page.locator("#palette").boundingBox();
    const canvas = await page.locator("#diagram").boundingBox();
    assert(palette.x + palette.width <= canvas.x + 0.5, `the palette ends (${palette.x + palette.width}) before the diagram begins (${canvas.x})`);
    assert(await page.isHidden("#properties-panel"), "no properties panel before anything is selected");
    const zoom = Number((await diagramData(page)).zoom);
    assert(zoom >= 0.7, `opens at a readable zoom: ${zoom}`);
    await shot("open-1280.png");
  });

  await check("first hour: the top bar at 1280 px wraps instead of cutting the name, version or unsaved state", async () => {
    // An edit makes the working copy unsaved, so the badge shows.
    const box = await nodeBox(task.id);
    await page.mouse.dblclick(middle(box).x, middle(box).y);
    await page.waitForSelector(".inline-rename");
    await page.fill(".inline-rename", "Register the invoice");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#process-header .unsaved-badge");
    const cut = await page.$$eval("#process-header .process-title, #process-header .unsaved-badge, #process-header .read-only-badge, .top-bar .toolbar-button", (els) =>
      els.filter((el) => el.offsetParent !== null && (el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth)).map((el) => el.textContent.trim()),
    );
    assert(cut.length === 0, `cut or off-screen in the top bar: ${JSON.stringify(cut)}`);
    const version = await page.textContent("#process-header .process-version");
    assert(/^v\d+/.test(version ?? ""), `the version number leads its line: ${version}`);
    await shot("top-bar-1280.png");
  });

  /** The Undo button's tooltip once it starts with `wanted` (it follows the edit's answer), or as it is after 5 s. */
  const undoTooltip = async (wanted) => {
    await page.waitForFunction((w) => document.querySelector("#undo").title.startsWith(w), wanted, { timeout: 5000 }).catch(() => undefined);
    return page.getAttribute("#undo", "title");
  };

  await check("first hour: double-click renames in place, and Undo names what it takes back", async () => {
    const [rename] = (await edits()).slice(-1);
    assert(rename.command === "update_node" && rename.node.name === "Register the invoice", `renamed: ${JSON.stringify(rename)}`);
    const undo = await undoTooltip("Undo rename “Register invoice” to “Register the invoice”");
    assert(undo === "Undo rename “Register invoice” to “Register the invoice” (Ctrl+Z)", `undo tooltip: ${undo}`);
    assert(await page.isVisible("#properties-panel"), "the renamed step is selected, with its properties");
  });

  await check("first hour: the context pad sits beside the selection and covers no other step", async () => {
    const pad = await page.locator("#context-pad").boundingBox();
    const p = await working();
    const covered = [];
    for (const node of p.nodes) {
      if (node.kind.type === "boundary" || p.layout.nodes[node.id] === undefined) continue;
      if (overlap(pad, await nodeBox(node.id)) > 0) covered.push(node.name);
    }
    assert(covered.length === 0, `the pad covers ${covered.join(", ")}`);
    const palette = await page.locator("#palette").boundingBox();
    assert(overlap(pad, palette) === 0, "the pad is not over the palette");
    await shot("pad-beside-selection.png");
  });

  await check("first hour: keyboard + and - keep the selected step where it is", async () => {
    const before = middle(await nodeBox(task.id));
    const zoom = Number((await diagramData(page)).zoom);
    await page.focus("#diagram");
    await page.keyboard.press("+");
    await page.waitForFunction((z) => Number(document.querySelector("#diagram").dataset.zoom) > z, zoom);
    const after = middle(await nodeBox(task.id));
    assert(Math.hypot(after.x - before.x, after.y - before.y) < 2, `the step stays put: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    await page.keyboard.press("-");
    await page.waitForFunction((z) => Math.abs(Number(document.querySelector("#diagram").dataset.zoom) - z) < 0.002, zoom);
  });

  await check("first hour: after a quiet frame an arrow key is drawn before its task ends; keys in one task share one frame", async () => {
    const drawn = await page.evaluate(async () => {
      const canvas = document.getElementById("diagram");
      const press = (key) => canvas.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
      await new Promise((done) => setTimeout(done, 100));
      const before = canvas.dataset.drawnAt;
      press("ArrowLeft");
      // The draw was queued while the key was handled, so it runs before this continuation.
      await Promise.resolve();
      const drawnInTask = canvas.dataset.drawnAt !== before;
      await new Promise((done) => setTimeout(done, 100));
      let draws = 0;
      const observer = new MutationObserver(() => (draws += 1));
      observer.observe(canvas, { attributes: true, attributeFilter: ["data-drawn-at"] });
      press("ArrowRight");
      press("ArrowRight");
      press("ArrowLeft");
      await new Promise((done) => setTimeout(done, 100));
      observer.disconnect();
      return { drawnInTask, draws };
    });
    assert(drawn.drawnInTask, "the pan was drawn in the task that handled the key");
    assert(drawn.draws === 1, `three keys in one task drew ${drawn.draws} frames, not one`);
  });

  await check("first hour: a palette item shows a ghost while placing; connecting shows a preview line", async () => {
    await page.click('[data-palette="task"]');
    const canvas = await page.locator("#diagram").boundingBox();
    await page.mouse.move(canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.35, { steps: 4 });
    await page.waitForSelector('#diagram[data-preview="box"]');
    await shot("ghost-while-placing.png");
    await page.keyboard.press("Escape");
    await page.waitForSelector('#diagram[data-preview=""]');
    const box = await nodeBox(task.id);
    await page.mouse.click(middle(box).x, middle(box).y);
    await page.click('#context-pad [data-pad="connect"]');
    await page.mouse.move(canvas.x + canvas.width * 0.7, canvas.y + canvas.height * 0.6, { steps: 4 });
    await page.waitForSelector('#diagram[data-preview="line"]');
    await shot("preview-line-connecting.png");
    await page.focus("#diagram");
    await page.keyboard.press("Escape");
  });

  await check("first hour: the right-click menu appends a step, which opens for its name", async () => {
    const box = await nodeBox(task.id);
    await page.mouse.click(middle(box).x, middle(box).y, { button: "right" });
    await page.waitForSelector("#context-menu:not([hidden])");
    const items = await page.$$eval("#context-menu [data-menu]", (els) => els.map((el) => el.dataset.menu));
    for (const want of ["rename", "append-task", "append-gateway", "connect", "copy", "delete"]) assert(items.includes(want), `menu lacks ${want}: ${items}`);
    await shot("right-click-menu.png");
    const count = (await edits()).length;
    await page.click('#context-menu [data-menu="append-task"]');
    await page.waitForFunction((n) => window.__fakeShellCalls.filter((c) => c.command === "edit_process").length > n, count);
    const [appended] = (await edits()).slice(-1);
    const kinds = appended.commands?.map((c) => c.command).join();
    assert(kinds === "add_node,add_flow", `an appended step and its flow: ${kinds}`);
    await page.waitForSelector(".inline-rename");
    await page.keyboard.type("Check totals");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.__fakeShellCalls.filter((c) => c.command === "edit_process").at(-1).args.command.node?.name === "Check totals");
    const undo = await undoTooltip("Undo rename “New task” to “Check totals”");
    assert(/^Undo rename “New task” to “Check totals”/.test(undo), `undo tooltip: ${undo}`);
  });

  await check("first hour: a palette key, then Enter, places the element after the selection in its lane, connected", async () => {
    const p = await working();
    const selected = (await diagramData(page)).selected;
    const source = p.nodes.find((n) => n.id === selected);
    assert(source?.name === "Check totals", `the appended step is still selected: ${selected}`);
    const count = (await edits()).length;
    await page.focus("#diagram");
    await page.keyboard.press("e");
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => window.__fakeShellCalls.filter((c) => c.command === "edit_process").length > n, count);
    const [placed] = (await edits()).slice(-1);
    const [node, flow] = placed.commands;
    assert(node.node.kind.type === "end" && node.node.lane === source.lane, `an end event in the same lane: ${JSON.stringify(node)}`);
    assert(flow.flow.source === source.id && flow.flow.target === node.node.id, "connected from the selection");
    const at = (await working()).layout.nodes;
    assert(at[node.node.id].x > at[source.id].x + at[source.id].w, "placed after it");
    await page.waitForSelector(".inline-rename");
    await page.keyboard.press("Escape");
    await shot("keyboard-placed.png");
  });

  await check("first hour: zoomed in, a minimap shows the whole process and a click in it moves the view", async () => {
    await page.focus("#diagram");
    await page.keyboard.press("0");
    await page.waitForSelector('.minimap[data-shown="false"]', { state: "attached" });
    for (let i = 0; i < 3; i++) await page.keyboard.press("+");
    await page.waitForSelector('.minimap[data-shown="true"]');
    const before = (await diagramData(page)).offset;
    const map = await page.locator(".minimap").boundingBox();
    await page.mouse.click(map.x + map.width - 12, map.y + map.height / 2);
    await page.waitForFunction((o) => document.querySelector("#diagram").dataset.offset !== o, before);
    await shot("minimap.png");
  });

  await check("first hour: folding the process list gives the diagram its width", async () => {
    await page.keyboard.press("Escape");
    await page.click("#diagram", { position: { x: 5, y: 790 - 120 } }).catch(() => undefined);
    const before = await page.locator("#diagram").boundingBox();
    await page.click("#sidebar-toggle");
    await page.waitForFunction((w) => document.querySelector("#diagram").getBoundingClientRect().width > w + 200, before.width);
    assert((await page.getAttribute("#sidebar-toggle", "aria-pressed")) === "false", "the toggle shows the list folded");
    await shot("sidebar-folded.png");
    await page.click("#sidebar-toggle");
    await page.waitForSelector("#library-sidebar", { state: "visible" });
  });

  await check("first hour: New… opens the blank process naming its workflow in place, then Start selected with its pad; a workflow added gives it back", async () => {
    await page.click("#new-process");
    await page.fill('#form-dialog input[name="text"]', "Purchase request");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.classList.contains("inline-rename"));
    assert((await page.getAttribute(".inline-rename", "aria-label")) === "Name of the workflow", "the workflow's name is asked first");
    await shot("new-blank-workflow-name.png");
    await page.keyboard.type("Requester");
    await page.keyboard.press("Enter");
    const id = (await diagramData(page)).processId;
    const blank = () => page.evaluate((pid) => window.__fakeEditing.get(pid).process, id);
    await page.waitForFunction((pid) => window.__fakeEditing.get(pid).process.lanes[0].name === "Requester", id);
    const start = (await blank()).nodes.find((n) => n.kind.type === "start");
    await page.waitForFunction((sid) => document.querySelector("#diagram").dataset.selected === sid, start.id);
    await page.waitForSelector('#context-pad:not([hidden]) [data-pad="append-task"]');
    await shot("new-blank-start-selected.png");
    // A workflow added while building: named in place, then back to the step it was added from.
    await page.click('[data-palette="lane"]');
    await page.waitForFunction(() => document.activeElement?.classList.contains("inline-rename"));
    await page.keyboard.type("Manager");
    await page.keyboard.press("Enter");
    await page.waitForFunction((pid) => window.__fakeEditing.get(pid).process.lanes.map((l) => l.name).join() === "Requester,Manager", id);
    await page.waitForFunction((sid) => document.querySelector("#diagram").dataset.selected === sid, start.id);
  });

  await check("first hour: appending step after step zooms out a little rather than push the first steps out of view", async () => {
    const id = (await diagramData(page)).processId;
    const blank = () => page.evaluate((pid) => window.__fakeEditing.get(pid).process, id);
    const start = (await blank()).nodes.find((n) => n.kind.type === "start");
    const zoomBefore = Number((await diagramData(page)).zoom);
    for (let i = 1; i <= 3; i++) {
      const count = (await blank()).nodes.length;
      await page.click('#context-pad:not([hidden]) [data-pad="append-task"]');
      await page.waitForSelector(".inline-rename");
      await page.keyboard.type(`Step ${i}`);
      await page.keyboard.press("Enter");
      await page.waitForFunction(([pid, n]) => window.__fakeEditing.get(pid).process.nodes.length > n, [id, count]);
    }
    await painted();
    const p = await blank();
    const data = await diagramData(page);
    const [ox, oy] = data.offset.split(",").map(Number);
    const zoom = Number(data.zoom);
    const canvas = await page.locator("#diagram").boundingBox();
    for (const node of p.nodes) {
      const b = p.layout.nodes[node.id];
      const x = ox + b.x * zoom;
      const y = oy + b.y * zoom;
      assert(x >= 0 && y >= 0 && x + b.w * zoom <= canvas.width && y + b.h * zoom <= canvas.height, `${node.name} is in view at ${zoom}: ${x},${y}`);
    }
    assert(zoom < zoomBefore && zoom >= 0.7, `zoomed out a little, still readable: ${zoomBefore} → ${zoom}`);
    assert(p.nodes.some((n) => n.id === start.id), "the start is among them");
    await shot("appended-all-in-view.png");
  });

  await check("first hour: no page errors", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
