// The HTML diff reports `cargo test --test review` writes to target/review/ opened in headless
// Chromium with scripts off: nothing is fetched, every in-page link has its target, a change in
// the list leads to its mark on the diagram (scrolled into view) and back. Screenshots go to
// target/ui/diff-report-*.png.
import { mkdir, readdir } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const reportDir = resolve(here, "../../target/review");
const screenshotDir = resolve(here, "../../target/ui");

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function checkReport(browser, file) {
  const name = basename(file, ".html");
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const fetched = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    fetched.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  assert(fetched.length === 0, `${name}: the report fetched ${fetched.join(", ")}`);
  assert((await page.$$("script, link, img, iframe")).length === 0, `${name}: the report holds scripts or external parts`);
  const summary = (await page.textContent("#summary"))?.trim() ?? "";
  assert(summary.length > 0, `${name}: no summary line`);
  const missing = await page.$$eval('a[href^="#"]', (links) =>
    links.map((a) => a.getAttribute("href").slice(1)).filter((id) => !document.getElementById(id)),
  );
  assert(missing.length === 0, `${name}: links without a target: ${missing.slice(0, 5).join(", ")}`);
  await page.screenshot({ path: resolve(screenshotDir, `diff-report-${name}.png`) });

  // A change in the list leads to its mark, scrolled into view inside the diagram's box.
  const link = await page.$('ol.changes li a[href^="#after-"]');
  assert(link !== null, `${name}: no change links to the newer diagram`);
  const target = (await link.getAttribute("href")).slice(1);
  await link.click();
  await page.waitForFunction((id) => location.hash === `#${id}`, target);
  const seen = await page.$eval(`[id="${target}"]`, (mark) => {
    const box = mark.closest(".diagram").getBoundingClientRect();
    const r = mark.getBoundingClientRect();
    const inBox = r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
    const inWindow = r.bottom > 0 && r.top < window.innerHeight;
    return inBox && inWindow;
  });
  assert(seen, `${name}: the mark ${target} is not scrolled into view`);
  await page.screenshot({ path: resolve(screenshotDir, `diff-report-${name}-linked.png`) });
  // …and the mark leads back to its change.
  const back = await page.$eval(`[id="${target}"]`, (mark) => mark.closest("a")?.getAttribute("href"));
  assert(back, `${name}: the mark does not link to its change`);
  assert((await page.$(`[id="${back.slice(1)}"]`)) !== null, `${name}: the mark links to ${back}, which is missing`);
  await context.close();
  console.log(`ok  ${name}: ${summary}`);
}

await mkdir(screenshotDir, { recursive: true });
const files = (await readdir(reportDir).catch(() => [])).filter((f) => f.endsWith(".html")).sort();
assert(files.length > 0, `no reports in ${reportDir}: run \`cargo test -p flowlane --test review\` first`);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  for (const file of files) await checkReport(browser, resolve(reportDir, file));
} finally {
  await browser.close();
}
