// Browser checks of BPMN notation: a process holding every construct the canvas draws
// (tests/fixtures/bpmn-notation.json) is drawn, screenshotted for review, and its message
// flows and artifacts are selectable by a click.
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

/** Where world point `p` is on the page (client pixels), from the frame's data attributes. */
async function clientPoint(page, p) {
  const box = await page.locator("#diagram").boundingBox();
  const data = await page.$eval("#diagram", (el) => ({ ...el.dataset }));
  const zoom = Number(data.zoom);
  const [ox, oy] = data.offset.split(",").map(Number);
  return { x: box.x + ox + p.x * zoom, y: box.y + oy + p.y * zoom };
}

export async function notationChecks({ browser, baseUrl, samples, fixtures, screenshotDir, check, assert, openPage, openProcess, diagramData }) {
  const notation = fixtures.notation;
  const run = await openPage(browser, baseUrl, { ...sampleLibrary(samples), histories: [[notation]] });
  const { page } = run;
  const byName = (name) => notation.nodes.find((n) => n.name === name);
  const artifact = (type) => notation.artifacts.find((a) => a.kind.type === type);

  await check("a process with every BPMN construct draws pools, events, sub-processes, messages and artifacts", async () => {
    await openProcess(page, notation.info.name);
    await page.click("#zoom-fit");
    await page.waitForFunction(() => {
      const d = document.querySelector("#diagram").dataset;
      return d.nodesDrawn === d.nodesTotal;
    });
    const data = await diagramData(page);
    const collapsed = byName("Pick and pack").id;
    const onPlane = notation.nodes.filter((n) => n.parent !== collapsed).length;
    assert(data.nodesTotal === String(onPlane), `nodes inside the collapsed sub-process are on its own plane: ${data.nodesTotal} drawn of ${onPlane}`);
    assert(data.lanes === "Sales|Warehouse|Every marker", `lanes inside the supplier pool: ${data.lanes}`);
    await page.screenshot({ path: join(screenshotDir, "bpmn-notation-fit.png") });
  });

  await check("message flows and artifacts are selected by a click", async () => {
    // The order message runs from the customer pool's bottom edge (y 80) down to the start event.
    const start = notation.layout.nodes[byName("Order received").id];
    const message = notation.messages.find((m) => m.target === byName("Order received").id);
    const onMessage = await clientPoint(page, { x: start.x + start.w / 2, y: 80 + (start.y + 80 - 80) / 2 });
    await page.mouse.click(onMessage.x, onMessage.y);
    await page.waitForFunction((id) => document.querySelector("#diagram").dataset.selected === id, message.id);
    const store = artifact("data_store");
    const box = notation.layout.artifacts[store.id];
    const onStore = await clientPoint(page, { x: box.x + box.w / 2, y: box.y + box.h / 2 });
    await page.mouse.click(onStore.x, onStore.y);
    await page.waitForFunction((id) => document.querySelector("#diagram").dataset.selected === id, store.id);
    await page.screenshot({ path: join(screenshotDir, "bpmn-notation-selected-store.png") });
  });

  await check("zoomed in, the markers read", async () => {
    const gateway = notation.layout.nodes[notation.nodes.find((n) => n.kind.gateway === "event_based").id];
    const at = await clientPoint(page, { x: gateway.x, y: 80 + gateway.y });
    await page.mouse.move(at.x, at.y);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -240);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotDir, "bpmn-notation-zoomed.png") });
    assert(run.problems.length === 0, run.problems.join("\n"));
  });
  await run.context.close();
}
