// Browser checks of the sidebar's process filter in a library of a thousand processes: terms
// narrow the list as they are typed, a text that is not a filter says why and keeps the list,
// Escape clears it. The time one keystroke takes to filter and redraw the list is printed.
import { join } from "node:path";
import { sampleLibrary } from "./fakeShell.mjs";

const OWNERS = ["Ann Lee", "Finance controller", "Head of HR", "IT operations", "Legal counsel", "Procurement lead", "Support manager"];
const SUBJECTS = ["Invoice", "Onboarding", "Contract", "Purchase order", "Support ticket", "Access request"];
const CATEGORIES = ["operational", "management", "support"];

/** A thousand summaries, as a big library's list has them. */
function thousand() {
  return Array.from({ length: 1000 }, (_, i) => ({
    id: `0190${String(i).padStart(4, "0")}-0000-7000-8000-000000000000`,
    name: `${SUBJECTS[i % SUBJECTS.length]} ${String(i).padStart(4, "0")}`,
    category: CATEGORIES[i % CATEGORIES.length],
    owner: OWNERS[i % OWNERS.length],
    tags: i % 10 === 0 ? ["approved"] : [],
    latest: 99,
    saved_at: "2026-11-20T10:15:00Z",
    has_draft: false,
    archived: false,
  }));
}

export async function filterChecks({ browser, baseUrl, samples, screenshotDir, check, assert, openPage }) {
  const listed = thousand();
  const { page, context, problems } = await openPage(browser, baseUrl, { ...sampleLibrary(samples), listed });
  const shown = () => page.$$eval("#process-list li[data-process-id]", (items) => items.length);
  /** Types `text` into the filter as one input event; how long filtering and redrawing took in the page. */
  const type = (text) =>
    page.evaluate((value) => {
      const input = document.querySelector("#process-filter");
      input.value = value;
      const started = performance.now();
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // Reading layout makes the browser lay the new list out before the clock stops.
      void document.querySelector("#process-list").offsetHeight;
      return performance.now() - started;
    }, text);

  await check("sidebar filter: a thousand processes narrow by owner, category and word as typed", async () => {
    await page.waitForSelector("#process-list li[data-process-id]");
    assert((await shown()) === 1003, `all listed first, got ${await shown()}`);
    const expected = listed.filter((s) => s.owner.toLowerCase().includes("ann") && s.category.startsWith("op") && s.name.toLowerCase().includes("invoice"));
    assert(expected.length > 0, "the fixture has matches");
    const times = [];
    for (const text of ["o", "owner:ann", "owner:ann category:op", "owner:ann category:op invoice"]) times.push(await type(text));
    assert((await shown()) === expected.length, `${expected.length} expected, ${await shown()} shown`);
    const names = await page.$$eval("#process-list .process-name", (items) => items.map((n) => n.textContent));
    assert(names.every((n) => n.startsWith("Invoice")), `only invoices: ${names.slice(0, 5).join(", ")}`);
    const note = await page.textContent("#process-filter-note");
    assert(note === `${expected.length} of 1003 processes`, `note: ${note}`);
    console.log(`      filter keystroke over 1,003 processes: ${times.map((t) => t.toFixed(1)).join(", ")} ms (filter and list redraw, in the page)`);
    await page.screenshot({ path: join(screenshotDir, "process-filter.png") });
  });

  await check("sidebar filter: tags, quotes and a bare word that names an owner", async () => {
    await type('tag:approved owner:"legal counsel"');
    const expected = listed.filter((s) => s.tags.includes("approved") && s.owner === "Legal counsel").length;
    assert((await shown()) === expected, `${expected} expected, ${await shown()} shown`);
    await type("finance");
    const finance = listed.filter((s) => s.owner === "Finance controller").length + 1; // + Accounts payable
    assert((await shown()) === finance, `${finance} expected, ${await shown()} shown`);
  });

  await check("sidebar filter: a text that is not a filter says why and keeps the list; Escape clears", async () => {
    const before = await shown();
    await type("colour:red");
    assert((await page.getAttribute("#process-filter", "aria-invalid")) === "true", "the box is marked invalid");
    const note = await page.textContent("#process-filter-note");
    assert(note === 'unknown filter field "colour": use name, category, owner or tag', `note: ${note}`);
    assert((await shown()) === before, "the list stays as it was");
    await page.screenshot({ path: join(screenshotDir, "process-filter-error.png") });
    await page.focus("#process-filter");
    await page.keyboard.press("Escape");
    assert((await page.inputValue("#process-filter")) === "", "cleared");
    assert((await shown()) === 1003, "everything listed again");
    assert(await page.isHidden("#process-filter-note"), "no note without a filter");
  });

  await check("sidebar filter: no page errors", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
  await context.close();
}
