// Browser checks of editing BPMN constructs: a boundary timer dragged from the palette onto a
// task's border attaches to it, its timer is typed as "3d", the task is moved (the timer goes
// along) and the move is undone. Editing runs on the fake shell's stand-in (fakeEditing.mjs).
import { join } from "node:path";
import { openEditingPage } from "./fakeEditing.mjs";
import { sampleLibrary } from "./fakeShell.mjs";

export async function editingChecks({ browser, baseUrl, samples, screenshotDir, check, assert, openProcess, diagramData }) {
  const { context, page, problems } = await openEditingPage(browser, baseUrl, sampleLibrary(samples));
  const shot = (name) => page.screenshot({ path: join(screenshotDir, name) });
  /** A close-up of the task's neighbourhood, next to the whole window. */
  const closeUp = async (name) => {
    const box = await taskBox();
    const corner = await clientAt(box.x - 60, box.y - 60);
    await page.screenshot({ path: join(screenshotDir, name), clip: { x: corner.x, y: corner.y, width: 420, height: 220 } });
  };
  const process = samples.payablesV2;
  const task = process.nodes.find((n) => n.name === "Register invoice");
  const working = () => page.evaluate((id) => window.__fakeEditing.get(id).process, process.id);
  const edits = () => page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "edit_process").map((c) => c.args.command));

  /** Client point of world point (x, y) of the process, from what the canvas reports. */
  const clientAt = async (x, y) => {
    const data = await diagramData(page);
    const [ox, oy] = data.offset.split(",").map(Number);
    const box = await page.locator("#diagram").boundingBox();
    return { x: box.x + ox + x * Number(data.zoom), y: box.y + oy + y * Number(data.zoom) };
  };
  /** The task's box in world coordinates (its lane is the top one). */
  const taskBox = async () => {
    const p = await working();
    const lanes = [...p.lanes].sort((a, b) => a.order - b.order);
    let top = 0;
    for (const lane of lanes) {
      if (lane.id === task.lane) break;
      top += p.layout.lanes[lane.id] ?? 160;
    }
    const b = p.layout.nodes[task.id];
    return { ...b, y: b.y + top, top };
  };
  let boundary = null;

  await check("editing: a boundary timer dragged from the palette onto a task's border attaches to it", async () => {
    await openProcess(page, "Accounts payable");
    const box = await taskBox();
    const target = await clientAt(box.x + box.w * 0.3, box.y + box.h);
    const item = await page.locator('[data-palette="boundary"]').boundingBox();
    await page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x, target.y, { steps: 12 });
    await page.mouse.up();
    await page.waitForFunction(() => window.__fakeShellCalls.some((c) => c.command === "edit_process"));
    const [added] = await edits();
    assert(added.command === "add_node" && added.node.kind.type === "boundary" && added.node.kind.host === task.id, `attached to the task: ${JSON.stringify(added)}`);
    boundary = added.node.id;
    await page.waitForSelector(`#diagram[data-selected="${boundary}"]`);
    const b = (await working()).layout.nodes[boundary];
    const laneRelative = box.y - box.top;
    assert(b.y + b.h / 2 === laneRelative + box.h, `centred on the lower edge: ${JSON.stringify(b)} vs ${JSON.stringify(box)}`);
    assert(await page.isVisible('#properties-panel [name="timer"]'), "the properties show the new event's timer");
  });

  await check("editing: typing 3d previews the boundary timer and stores P3D", async () => {
    const input = page.locator('#properties-panel [name="timer"]');
    await input.fill("3x");
    const error = await page.textContent("#properties-panel .field-error:not([hidden])");
    assert(/“3x” is not a duration/.test(error ?? ""), `a bad timer is refused as typed: ${error}`);
    await input.fill("3d");
    const preview = await page.textContent("#properties-panel .field-preview");
    assert(preview === "fires 3 days after the step starts (stored as P3D)", `preview: ${preview}`);
    await input.press("Enter");
    await page.waitForFunction(() => window.__fakeShellCalls.filter((c) => c.command === "edit_process").length === 2);
    const updated = (await edits())[1];
    assert(updated.command === "update_node" && updated.node.kind.trigger.timer.duration === "P3D", `stored: ${JSON.stringify(updated)}`);
    await shot("boundary-timer-attached.png");
    await closeUp("boundary-timer-attached-close.png");
  });

  let before = null;
  await check("editing: moving the task takes its boundary timer along; Ctrl+Z puts both back", async () => {
    before = await working();
    const box = await taskBox();
    // Low and right on the task: the context pad sits above the selected timer, and the timer on the left.
    const from = await clientAt(box.x + box.w * 0.75, box.y + box.h * 0.6);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 120, from.y + 20, { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction(() => window.__fakeShellCalls.filter((c) => c.command === "edit_process").length === 3);
    const moved = (await edits())[2];
    assert(moved.command === "move_node" || moved.command === "batch", `a move: ${JSON.stringify(moved)}`);
    const after = await working();
    const [t0, t1] = [before.layout.nodes[task.id], after.layout.nodes[task.id]];
    const [b0, b1] = [before.layout.nodes[boundary], after.layout.nodes[boundary]];
    assert(t1.x !== t0.x, "the task moved");
    assert(b1.x - b0.x === t1.x - t0.x && b1.y - b0.y === t1.y - t0.y, `the timer moved as much: task ${JSON.stringify([t0, t1])}, timer ${JSON.stringify([b0, b1])}`);
    await shot("boundary-timer-moved.png");
    await closeUp("boundary-timer-moved-close.png");
    await page.focus("#diagram");
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => window.__fakeShellCalls.some((c) => c.command === "undo_edit"));
    const undone = await working();
    assert(undone.layout.nodes[task.id].x === t0.x && undone.layout.nodes[boundary].x === b0.x, "undo puts the task and its timer back");
    await page.waitForTimeout(200);
    await shot("boundary-timer-undone.png");
    await closeUp("boundary-timer-undone-close.png");
  });

  await check("editing: a sub-process from the palette opens on its own plane by double-click; the breadcrumb goes back", async () => {
    const p = await working();
    const total = p.nodes.length;
    const ledgerTop = p.lanes.filter((l) => l.name !== "Ledger posting").reduce((sum, l) => sum + (p.layout.lanes[l.id] ?? 160), 0);
    const spot = await clientAt(600, ledgerTop + 80);
    await page.click('[data-palette="sub_process"]');
    await page.mouse.click(spot.x, spot.y);
    await page.waitForFunction((n) => window.__fakeShellCalls.filter((c) => c.command === "edit_process").length === n, 4);
    const added = (await edits())[3];
    assert(added.command === "add_node" && added.node.kind.type === "sub_process", `a sub-process: ${JSON.stringify(added)}`);
    await page.waitForSelector(`#diagram[data-selected="${added.node.id}"]`);
    assert(await page.isVisible('#context-pad [data-pad="open-plane"]'), "the pad offers to open the sub-process");
    assert(await page.isHidden('#context-pad [data-pad="attach-timer"]') === false, "a sub-process carries boundary events too");
    // A placed element opens for its name in place; Escape keeps the one it has.
    await page.waitForSelector(".inline-rename");
    await page.keyboard.press("Escape");
    await page.mouse.dblclick(spot.x, spot.y);
    await page.waitForSelector("#breadcrumb:not([hidden])");
    const crumb = await page.textContent("#breadcrumb");
    assert(crumb === "Accounts payable›New sub-process", `breadcrumb: ${crumb}`);
    await page.waitForFunction(() => document.querySelector("#diagram").dataset.nodesTotal === "0");
    const data = await diagramData(page);
    assert(data.lanes === "New sub-process", `one band named after it: ${data.lanes}`);
    await shot("sub-process-plane.png");
    await page.click("#breadcrumb button");
    await page.waitForFunction((n) => document.querySelector("#diagram").dataset.nodesTotal === String(n), total + 1);
    assert(await page.isHidden("#breadcrumb"), "the breadcrumb goes away at the process level");
  });

  await check("editing: a new variable becomes a list, its generated data weighted sets of items", async () => {
    await page.keyboard.press("Escape");
    if (await page.isHidden("#properties-panel")) await page.click("#properties-toggle");
    await page.waitForSelector("#properties-panel:not([hidden])");
    const infos = () => page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "edit_process" && c.args.command.command === "update_info").map((c) => c.args.command.info));
    const added = (await infos()).length;
    await page.click('#properties-panel button:has-text("Add variable")');
    await page.waitForFunction((n) => window.__fakeShellCalls.filter((c) => c.command === "edit_process" && c.args.command.command === "update_info").length > n, added);
    const variable = () => infos().then((all) => all.at(-1).variables.at(-1));
    assert((await variable()).type === "text", "a new variable is text");
    await page.locator('#properties-panel [name="variable-type"]').last().selectOption("list");
    await page.waitForFunction(() => document.querySelector("#properties-panel").textContent.includes("Generated data"));
    await page.locator('#properties-panel [name="generated-kind"]').last().selectOption("sets");
    const numbers = page.locator('#properties-panel [name="generated-numbers"]').last();
    await numbers.fill("ann,bob: 3; cy");
    await numbers.press("Enter");
    await page.waitForFunction(() => {
      const calls = window.__fakeShellCalls.filter((c) => c.command === "edit_process" && c.args.command.command === "update_info");
      const last = calls.at(-1)?.args.command.info.variables.at(-1);
      return last?.generated?.weights?.cy === 1;
    });
    const list = await variable();
    assert(
      JSON.stringify(list) === JSON.stringify({ name: "new_variable", type: "list", generated: { type: "choice", weights: { "ann, bob": 3, cy: 1 } } }),
      JSON.stringify(list),
    );
    await page.locator("#properties-panel").screenshot({ path: join(screenshotDir, "list-variable.png") });
  });

  await check("editing: no page errors", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
