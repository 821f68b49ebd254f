// Browser checks of participants: a partner pool added from the palette and renamed in the
// properties, a message flow drawn with the context pad's connect tool from a step to the pool
// and named, a note anchored to a step with an association and dragged elsewhere, and the
// pool deleted after the question, then brought back by Ctrl+Z. Editing runs on the fake
// shell's stand-in (fakeEditing.mjs); the core's rules are tested in Rust.
import { join } from "node:path";
import { openEditingPage } from "./fakeEditing.mjs";
import { sampleLibrary } from "./fakeShell.mjs";

export async function participantsChecks({ browser, baseUrl, samples, screenshotDir, check, assert, openProcess, diagramData }) {
  const { context, page, problems } = await openEditingPage(browser, baseUrl, sampleLibrary(samples));
  const shot = (name) => page.screenshot({ path: join(screenshotDir, name) });
  const process = samples.payablesV2;
  const task = process.nodes.find((n) => n.name === "Register invoice");
  const working = () => page.evaluate((id) => window.__fakeEditing.get(id).process, process.id);
  const edits = () => page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "edit_process").map((c) => c.args.command));
  const editCount = (n) => page.waitForFunction((count) => window.__fakeShellCalls.filter((c) => c.command === "edit_process").length === count, n);
  const clientAt = async (x, y) => {
    const data = await diagramData(page);
    const [ox, oy] = data.offset.split(",").map(Number);
    const box = await page.locator("#diagram").boundingBox();
    return { x: box.x + ox + x * Number(data.zoom), y: box.y + oy + y * Number(data.zoom) };
  };
  /** Top of the first lane of no pool below all of the process's own lanes: where partner pools start. */
  const lanesBottom = (p) => p.lanes.filter((l) => !l.pool).reduce((sum, l) => sum + (p.layout.lanes[l.id] ?? 160), 0);
  const taskCentre = async () => {
    const p = await working();
    const lanes = [...p.lanes].sort((a, b) => a.order - b.order);
    let top = 0;
    for (const lane of lanes) {
      if (lane.id === task.lane) break;
      top += p.layout.lanes[lane.id] ?? 160;
    }
    const b = p.layout.nodes[task.id];
    return clientAt(b.x + b.w / 2, top + b.y + b.h / 2);
  };
  let pool = null;

  await check("participants: the palette adds a black-box partner pool, renamed in the properties", async () => {
    await openProcess(page, "Accounts payable");
    await page.click('[data-palette="partner-pool"]');
    await editCount(1);
    const [added] = await edits();
    assert(added.command === "add_pool" && added.pool.partner === true && added.height === 80, `a black box: ${JSON.stringify(added)}`);
    pool = added.pool.id;
    await page.waitForSelector(`#diagram[data-selected="${pool}"]`);
    const name = page.locator('#properties-panel [name="name"]');
    assert((await name.inputValue()) === "Partner", "the properties show the pool's name");
    await name.fill("Supplier");
    await name.press("Enter");
    await editCount(2);
    const renamed = (await edits())[1];
    assert(renamed.command === "update_pool" && renamed.pool.name === "Supplier", `renamed: ${JSON.stringify(renamed)}`);
    assert(await page.isVisible('#context-pad [data-pad="connect"]'), "the pad offers to connect the pool");
    assert(await page.isHidden('#context-pad [data-pad="append-task"]'), "but not to append a step to it");
  });

  await check("participants: the connect tool draws a message flow from a step to the partner pool", async () => {
    const from = await taskCentre();
    await page.mouse.click(from.x, from.y);
    await page.waitForSelector(`#diagram[data-selected="${task.id}"]`);
    await page.click('#context-pad [data-pad="connect"]');
    const p = await working();
    const target = await clientAt(400, lanesBottom(p) + 40);
    await page.mouse.move(target.x, target.y, { steps: 5 });
    await page.mouse.down();
    await page.mouse.up();
    await editCount(3);
    const drawn = (await edits())[2];
    assert(drawn.command === "add_message" && drawn.message.source === task.id && drawn.message.target === pool, `a message flow: ${JSON.stringify(drawn)}`);
    await page.waitForSelector(`#diagram[data-selected="${drawn.message.id}"]`);
    const name = page.locator('#properties-panel [name="name"]');
    await name.fill("Invoice query");
    await name.press("Enter");
    await editCount(4);
    assert((await working()).messages.some((m) => m.name === "Invoice query"), "the message flow is named");
    await page.waitForTimeout(200);
    await shot("participants-message-flow.png");
  });

  await check("participants: a note from the palette is anchored to a step with an association", async () => {
    const p = await working();
    const at = await clientAt(900, lanesBottom(p) + 140);
    await page.click('[data-palette="annotation"]');
    await page.mouse.click(at.x, at.y);
    await editCount(5);
    const added = (await edits())[4];
    assert(added.command === "add_artifact" && added.artifact.kind.type === "annotation", `a note: ${JSON.stringify(added)}`);
    await page.waitForSelector(`#diagram[data-selected="${added.artifact.id}"]`);
    await page.click('#context-pad [data-pad="connect"]');
    const to = await taskCentre();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.down();
    await page.mouse.up();
    await editCount(6);
    const anchored = (await edits())[5];
    assert(anchored.command === "add_association" && anchored.association.source === added.artifact.id && anchored.association.target === task.id, `an association: ${JSON.stringify(anchored)}`);
    await page.waitForSelector(`#diagram[data-selected="${anchored.association.id}"]`);
    assert((await page.textContent("#properties-panel")).includes("Association"), "the properties show the association");
    await page.waitForTimeout(200);
    await shot("participants-note.png");
  });

  await check("participants: a note is dragged to another place, its association following", async () => {
    const p = await working();
    const note = p.artifacts.find((a) => a.kind.type === "annotation");
    const box = p.layout.artifacts[note.id];
    const from = await clientAt(box.x + box.w / 2, box.y + box.h / 2);
    const zoom = Number((await diagramData(page)).zoom);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 10, { steps: 4 });
    await page.mouse.move(from.x + 120, from.y + 20, { steps: 4 });
    await page.mouse.up();
    await editCount(7);
    const moved = (await edits())[6];
    assert(moved.command === "move_artifact" && moved.artifact === note.id, `a move: ${JSON.stringify(moved)}`);
    assert(Math.abs(moved.bounds.x - (box.x + 120 / zoom)) <= 12 && moved.bounds.w === box.w, `moved right by the drag: ${JSON.stringify(moved.bounds)} from ${JSON.stringify(box)}`);
    await page.waitForTimeout(200);
    // The minimap, when shown, steps aside from the selection.
    const selection = (await diagramData(page)).selectionBox.split(",").map(Number);
    const map = await page.locator(".minimap").boundingBox();
    if (map && (await page.isVisible(".minimap"))) {
      const [x, y, w, h] = selection;
      const overlaps = x < map.x + map.width && map.x < x + w && y < map.y + map.height && map.y < y + h;
      assert(!overlaps, `the minimap ${JSON.stringify(map)} covers the selected note at ${selection}`);
    }
    await shot("participants-note-moved.png");
  });

  await check("participants: deleting the pool asks first, takes its message flow, and Ctrl+Z brings both back", async () => {
    const p = await working();
    const band = await clientAt(400, lanesBottom(p) + 40);
    await page.mouse.click(band.x, band.y);
    await page.waitForSelector(`#diagram[data-selected="${pool}"]`);
    await page.focus("#diagram");
    await page.keyboard.press("Delete");
    await page.waitForSelector("#confirm-dialog:not([hidden])");
    const question = await page.textContent("#confirm-dialog");
    assert(/Delete this pool\?/.test(question) && /1 message flow/.test(question), `the question: ${question}`);
    await shot("participants-delete-question.png");
    await page.click('#confirm-dialog button[data-answer="confirm"]');
    await editCount(8);
    const after = await working();
    assert(!(after.pools ?? []).some((x) => x.id === pool) && (after.messages ?? []).length === 0, "the pool and its message flow are gone");
    await page.focus("#diagram");
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => window.__fakeShellCalls.some((c) => c.command === "undo_edit"));
    const back = await working();
    assert(back.pools.some((x) => x.id === pool) && back.messages.length === 1, "undo brings both back");
  });

  await check("participants: a second pool dragged by its name band above the first swaps their places; Ctrl+Z puts it back", async () => {
    await page.click('[data-palette="partner-pool"]');
    await editCount(9);
    const second = (await edits())[8].pool.id;
    const p = await working();
    const height = (id) => p.layout.pools?.[id] ?? 80;
    const top = lanesBottom(p);
    const from = await clientAt(15, top + height(pool) + height(second) / 2);
    const to = await clientAt(15, top + 4);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await editCount(10);
    const reordered = (await edits())[9];
    const orders = Object.fromEntries((reordered.commands ?? []).map((c) => [c.pool.id, c.pool.order]));
    assert(reordered.command === "batch" && orders[second] < orders[pool], `the second pool goes first: ${JSON.stringify(reordered)}`);
    await page.waitForTimeout(200);
    await shot("participants-pools-reordered.png");
    await page.focus("#diagram");
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => window.__fakeShellCalls.filter((c) => c.command === "undo_edit").length === 2);
    const back = Object.fromEntries((await working()).pools.map((x) => [x.id, x.order]));
    assert(back[pool] < back[second], `undo puts the first pool back on top: ${JSON.stringify(back)}`);
  });

  await check("participants: no page errors", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
