// Browser check of names: a BPMN file another tool wrote (MIWG C.6.0, unnamed gateways, flows,
// boundary events and an unnamed event sub-process), as the core imported it, with the labels the
// core sends beside it (fixtures/names.json). No panel text names an element by an empty name or
// an id; an unnamed gateway is found and shown as the core describes it.
import { join } from "node:path";

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const EMPTY = /""|“”|''|a removed element|\bundefined\b/;

export async function namesChecks({ browser, baseUrl, fixtures, screenshotDir, check, assert, openPage, openProcess }) {
  const booking = fixtures.booking;
  const library = { path: "/home/alex/Documents/Flowlane/library.flowlane", histories: [[booking]], drafts: [], saves: {} };
  const { page, context, problems } = await openPage(browser, baseUrl, library);
  const shown = async () => (await page.textContent("#properties-panel")) ?? "";

  await check("names: an unnamed gateway of an imported file is found and shown as the core describes it", async () => {
    await openProcess(page, booking.info.name);
    await page.keyboard.press("Control+f");
    await page.fill(".find-input", "event-based gateway");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".properties-subtitle:not([hidden])");
    const subtitle = await page.textContent(".properties-subtitle");
    assert(subtitle.startsWith("Event-based gateway after 'Make Flights and Hotel Offer'"), `subtitle: ${subtitle}`);
    await page.screenshot({ path: join(screenshotDir, "names-unnamed-gateway.png") });
  });

  await check("names: no element's properties name it or its neighbours by an empty name or an id", async () => {
    const bad = [];
    // Selected through the find box, as a user would, each unnamed step drawn on the process's plane.
    const unnamed = booking.nodes.filter((n) => !n.name.trim() && !n.parent);
    assert(unnamed.length >= 4, `unnamed steps: ${unnamed.length}`);
    for (const node of unnamed) {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+f");
      const label = fixtures.names[booking.id][node.id].text;
      await page.fill(".find-input", label);
      await page.keyboard.press("Enter");
      await page.waitForFunction((id) => document.querySelector("#diagram")?.dataset.selected === id, node.id);
      const text = await shown();
      if (UUID.test(text) || EMPTY.test(text)) bad.push(`${label}: ${text}`);
      if (!text.toLowerCase().includes(label.toLowerCase())) bad.push(`${label} is not shown: ${text}`);
    }
    assert(bad.length === 0, bad.join("\n"));
  });

  await check("names: no page errors", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
