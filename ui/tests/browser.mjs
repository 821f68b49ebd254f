// End-to-end check of the built UI (ui/dist) in Chromium, with a fake Tauri shell that
// serves the sample processes. Run `npm run build` first; screenshots go to target/ui/.
import { createServer } from "node:http";
import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { notationChecks } from "./notationChecks.mjs";
import { installFakeShell, sampleLibrary } from "./fakeShell.mjs";
import { compareChecks } from "./compareChecks.mjs";
import { exportChecks } from "./exportChecks.mjs";
import { historyChecks } from "./historyChecks.mjs";
import { libraryChecks } from "./libraryChecks.mjs";
import { filterChecks } from "./filterChecks.mjs";
import { problemsChecks } from "./problemsChecks.mjs";
import { simulationChecks } from "./simulationChecks.mjs";
import { batchChecks } from "./batchChecks.mjs";
import { realityChecks } from "./realityChecks.mjs";
import { syncChecks } from "./syncChecks.mjs";
import { editingChecks } from "./editingChecks.mjs";
import { participantsChecks } from "./participantsChecks.mjs";
import { firstHourChecks } from "./firstHourChecks.mjs";
import { namesChecks } from "./namesChecks.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(here, "../dist");
const samplesDir = resolve(here, "../../samples");
const fixturesDir = resolve(here, "fixtures");
/** The core's labels of the sample and fixture processes, by process id (generate.sh). */
const NAMES = JSON.parse(await readFile(join(fixturesDir, "names.json"), "utf8"));

/** The CSP of the Tauri window, so a violation fails here rather than in the app. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";
const TIMEOUT = 15_000;
/**
 * `--slow-frames`: every animation frame comes this many ms late, as on a loaded machine where
 * headless Chromium paints seldom. A check that reads what the canvas reports before the frame
 * that shows its last action fails here instead of only on some machines.
 */
const SLOW_FRAMES = process.argv.includes("--slow-frames") ? 250 : 0;
const screenshotDir = resolve(here, "../../target/ui", SLOW_FRAMES ? "slow-frames" : ".");

function slowFrames(delay) {
  const request = window.requestAnimationFrame.bind(window);
  const cancel = window.cancelAnimationFrame.bind(window);
  const frames = new Map(); // our handle → the pending timer, then the real frame request
  let next = 0;
  window.requestAnimationFrame = (callback) => {
    const handle = ++next;
    frames.set(handle, { timer: setTimeout(() => frames.set(handle, { frame: request((t) => (frames.delete(handle), callback(t))) }), delay) });
    return handle;
  };
  window.cancelAnimationFrame = (handle) => {
    const pending = frames.get(handle);
    if (pending?.timer !== undefined) clearTimeout(pending.timer);
    if (pending?.frame !== undefined) cancel(pending.frame);
    frames.delete(handle);
  };
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

function serve(root) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/favicon.ico") {
      // The Tauri window never asks for one; a plain browser does.
      response.writeHead(204).end();
      return;
    }
    const path = normalize(join(root, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)));
    if (path !== root && !path.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(path);
      response.writeHead(200, {
        "content-type": MIME[extname(path)] ?? "application/octet-stream",
        "content-security-policy": CSP,
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

/** What the Rust core computed for the tests (tests/fixtures/generate.sh). */
async function loadFixtures() {
  const read = async (name) => JSON.parse(await readFile(join(fixturesDir, name), "utf8"));
  return {
    payablesV3: await read("accounts-payable.v3.json"),
    compareV1V2: await read("compare-accounts-payable-v1-v2.json"),
    compareV2V3: await read("compare-accounts-payable-v2-v3.json"),
    compareRestored: await read("compare-accounts-payable-v2-restored-v1.json"),
    vendorPayments: await read("vendor-payments.json"),
    vendorProblems: await read("vendor-payments.problems.json"),
    purchaseDeadlock: await read("purchase-deadlock.json"),
    deadlockProblems: await read("purchase-deadlock.problems.json"),
    verifyTampered: await read("verify-tampered.json"),
    simulationRun: await read("simulation-accounts-payable.json"),
    replayInvoice: await read("replay-invoice.json"),
    replayInvoiceV3: await read("replay-invoice-v3.json"),
    batchPayables: await read("batch-accounts-payable.json"),
    reality: await read("reality-accounts-payable.json"),
    notation: await read("bpmn-notation.json"),
    booking: await read("corpus-booking.json"),
    names: NAMES,
  };
}

async function loadSamples() {
  const read = async (name) => JSON.parse(await readFile(join(samplesDir, name), "utf8"));
  return {
    onboarding: await read("employee-onboarding.json"),
    payablesV1: await read("accounts-payable.v1.json"),
    payablesV2: await read("accounts-payable.v2.json"),
    contracts: await read("contract-review.json"),
  };
}

/** A process far larger than the samples: `lanes` lanes of `perLane` tasks in a chain, with hand-offs between lanes. */
function largeProcess(lanes, perLane) {
  const id = "01a194ee-2f00-7000-8000-00000000large";
  const process = {
    schema: 2,
    id,
    info: { name: "Large generated process", outcome: "Stress test", category: "operational", owner: "Benchmark", variables: [] },
    lanes: [],
    nodes: [],
    flows: [],
    layout: { nodes: {}, lanes: {} },
  };
  for (let l = 0; l < lanes; l++) {
    const lane = `lane-${l}`;
    process.lanes.push({ id: lane, name: `Workflow ${l + 1}`, team: `Team ${l + 1}`, trigger: "Previous workflow hands over", output: "Handed to the next workflow", order: l });
    process.layout.lanes[lane] = 160;
    for (let n = 0; n < perLane; n++) {
      const node = `node-${l}-${n}`;
      process.nodes.push({ id: node, lane, name: `Step ${n + 1} of workflow ${l + 1}`, kind: { type: "task", assignee: "Clerk", sla: "1d" } });
      process.layout.nodes[node] = { x: 260 + n * 180, y: 48, w: 140, h: 64 };
      if (n > 0) process.flows.push({ id: `flow-${l}-${n}`, source: `node-${l}-${n - 1}`, target: node });
    }
    if (l > 0) process.flows.push({ id: `handoff-${l}`, source: `node-${l - 1}-${perLane - 1}`, target: `node-${l}-0` });
  }
  return process;
}

/** `--only=TEXT`: runs only the checks whose name contains TEXT (e.g. `--only="first hour"`). */
const ONLY = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);

const results = [];
async function check(name, body) {
  if (ONLY && !name.includes(ONLY)) return;
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok    ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}\n      ${String(error?.stack ?? error).split("\n").join("\n      ")}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function diagramData(page) {
  return page.$eval("#diagram", (el) => ({ ...el.dataset }));
}

async function openPage(browser, baseUrl, library) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.addInitScript(installFakeShell, { names: NAMES, ...library });
  if (SLOW_FRAMES) await page.addInitScript(slowFrames, SLOW_FRAMES);
  await page.goto(`${baseUrl}/index.html`);
  return { page, context, problems };
}

/** Selects a process by clicking its name and waits for its first complete frame. */
async function openProcess(page, name) {
  await page.click(`#process-list li:has-text("${name}")`);
  await page.waitForSelector(`#diagram[data-process-name="${name}"][data-nodes-drawn]`);
}

async function main() {
  await stat(join(distDir, "index.html")).catch(() => {
    throw new Error(`${distDir}/index.html is missing: run \`npm run build\` first`);
  });
  await mkdir(screenshotDir, { recursive: true });
  const samples = await loadSamples();
  const fixtures = await loadFixtures();
  const server = await serve(distDir);
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });

  try {
    const { page, context, problems } = await openPage(browser, baseUrl, sampleLibrary(samples));

    await check("lists the library's processes and waits for a choice", async () => {
      await page.waitForSelector("#process-list li[data-process-id]");
      const names = await page.$$eval("#process-list li", (items) => items.map((li) => li.querySelector(".process-name")?.textContent));
      assert(names.length === 3, `expected 3 processes, got ${JSON.stringify(names)}`);
      const payables = await page.textContent(`#process-list li[data-process-id="${samples.payablesV2.id}"]`);
      assert(/v2/.test(payables ?? ""), `accounts payable should show v2, shows "${payables}"`);
      const contracts = await page.textContent(`#process-list li[data-process-id="${samples.contracts.id}"]`);
      assert(/draft/.test(contracts ?? ""), "contract review should carry the draft marker");
      assert(await page.isVisible("#empty-state"), "the empty-state hint should show before a choice");
      assert((await page.textContent("#empty-state"))?.includes("Select a process"), "empty-state text");
      const data = await diagramData(page);
      assert(data.processId === undefined, "nothing should be drawn before a choice");
      const path = await page.textContent("#library-path");
      assert(path?.includes("library.flowlane"), `library path shown, got "${path}"`);
      await page.screenshot({ path: join(screenshotDir, "empty-state.png") });
    });

    await check("clicking Employee onboarding draws its four lanes, readable, and Fit shows all", async () => {
      await openProcess(page, "Employee onboarding");
      const data = await diagramData(page);
      const lanes = data.lanes.split("|");
      assert(lanes.length === 4, `expected 4 lanes, got ${data.lanes}`);
      assert(lanes[0] === "Onboarding coordination" && lanes[3] === "First-weeks plan", `lanes by order: ${data.lanes}`);
      assert(Number(data.nodesDrawn) > 0, "nodes drawn");
      assert(data.nodesTotal === String(samples.onboarding.nodes.length), `node total ${data.nodesTotal}`);
      assert(Number(data.zoom) >= 0.55, `a wide process opens at a readable zoom, got ${data.zoom}`);
      const selected = await page.getAttribute(`#process-list li[data-process-id="${samples.onboarding.id}"]`, "aria-selected");
      assert(selected === "true", "the chosen item is aria-selected");
      assert(await page.isHidden("#empty-state"), "empty-state hidden once a process is shown");
      const header = await page.textContent("#process-header");
      assert(/Employee onboarding/.test(header) && /v1 · saved 2026-11-21 by Dana Whitfield/.test(header), `top bar: ${header}`);
      assert(header.includes(`SLA ${samples.onboarding.info.sla}`) && header.includes(samples.onboarding.info.owner), `top bar facts: ${header}`);
      await page.screenshot({ path: join(screenshotDir, "employee-onboarding-open.png") });
      await page.click("#zoom-fit");
      await page.waitForFunction(() => {
        const d = document.querySelector("#diagram").dataset;
        return d.nodesDrawn === d.nodesTotal;
      });
      await page.screenshot({ path: join(screenshotDir, "employee-onboarding-fit.png") });
    });

    await check("wheel zoom around the cursor culls nodes outside the view", async () => {
      const before = await diagramData(page);
      const box = await page.locator("#diagram").boundingBox();
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
      // Chromium divides wheel deltas by the device scale factor, so wait for "clearly larger", not an exact zoom.
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -240);
      await page.waitForFunction((zoom) => Number(document.querySelector("#diagram").dataset.zoom) > zoom * 2, Number(before.zoom));
      const after = await diagramData(page);
      assert(Number(after.nodesDrawn) > 0, "some nodes still drawn");
      assert(Number(after.nodesDrawn) < Number(before.nodesDrawn), `culling: ${after.nodesDrawn} drawn after zoom, ${before.nodesDrawn} before`);
      await page.screenshot({ path: join(screenshotDir, "employee-onboarding-zoomed.png") });
    });

    await check("dragging pans and key 0 fits again", async () => {
      const box = await page.locator("#diagram").boundingBox();
      const start = await diagramData(page);
      // Below the lanes: empty canvas, so the press pans (a press on a step would move it).
      await page.mouse.move(box.x + 600, box.y + box.height - 40);
      await page.mouse.down();
      await page.mouse.move(box.x + 200, box.y + box.height - 90, { steps: 5 });
      await page.mouse.up();
      const [startX] = start.offset.split(",").map(Number);
      // The first move of a drag is drawn at once, the rest on later frames: wait for the frame
      // that shows the whole drag (or time out and report where the view stopped).
      await page
        .waitForFunction((x) => Math.abs(Number(document.querySelector("#diagram").dataset.offset.split(",")[0]) - x) <= 1, startX - 400, { timeout: 5000 })
        .catch(() => undefined);
      const [movedX] = (await diagramData(page)).offset.split(",").map(Number);
      assert(Math.abs(startX - 400 - movedX) <= 1, `dragging 400px left pans 400px (${startX} → ${movedX})`);
      await page.focus("#diagram");
      await page.keyboard.press("0");
      await page.waitForFunction(() => {
        const d = document.querySelector("#diagram").dataset;
        return d.nodesDrawn === d.nodesTotal;
      });
      const zoom = Number((await diagramData(page)).zoom);
      await page.keyboard.press("+");
      await page.waitForFunction((z) => Number(document.querySelector("#diagram").dataset.zoom) > z, zoom);
      await page.keyboard.press("0");
      await page.waitForFunction((z) => document.querySelector("#diagram").dataset.zoom === z.toFixed(3), zoom);
    });

    await check("keyboard ↓ and Enter in the list open the next process (latest version)", async () => {
      await page.focus("#process-list");
      // The cursor starts on the selected process; one step down is Accounts payable.
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await page.waitForSelector('#diagram[data-process-name="Accounts payable"]');
      const data = await diagramData(page);
      assert(data.lanes.split("|").length === samples.payablesV2.lanes.length, `v2 lanes: ${data.lanes}`);
      assert(data.nodesTotal === String(samples.payablesV2.nodes.length), "latest version (v2) is loaded");
      const header = await page.textContent("#process-header");
      assert(/v2 · saved/.test(header), `top bar shows v2: ${header}`);
      const selected = await page.$$eval('#process-list li[aria-selected="true"]', (items) => items.map((li) => li.dataset.processId));
      assert(selected.length === 1 && selected[0] === samples.payablesV2.id, "exactly the opened process is selected");
      const calls = await page.evaluate(() => window.__fakeShellCalls.filter((c) => c.command === "open_editor").at(-1));
      assert(calls.args.id === samples.payablesV2.id, `the working copy (latest) is opened, got ${JSON.stringify(calls.args)}`);
      await page.screenshot({ path: join(screenshotDir, "accounts-payable-v2-fit.png") });
    });

    await check("contract review draws fitted", async () => {
      await openProcess(page, "Contract review");
      const data = await diagramData(page);
      assert(Number(data.zoom) >= 0.55, `a wide process opens at a readable zoom, got ${data.zoom}`);
      await page.screenshot({ path: join(screenshotDir, "contract-review-fit.png") });
    });

    await check("? lists the shortcuts from the one table, Ctrl+B and Ctrl+E among them; Escape closes it", async () => {
      await page.focus("#diagram");
      await page.keyboard.press("?");
      await page.waitForSelector("#help-overlay:not([hidden])");
      // Each row's alternatives ("or" between them), each written Ctrl+Shift+M.
      const combos = await page.$$eval("#help-overlay .help-keys", (rows) =>
        rows.flatMap((row) => {
          const alternatives = [[]];
          for (const child of row.children) {
            if (child.classList.contains("help-or")) alternatives.push([]);
            else if (child.tagName === "KBD") alternatives.at(-1).push(child.textContent);
          }
          return alternatives.map((keys) => keys.join("+"));
        }),
      );
      for (const combo of ["Ctrl+B", "Ctrl+E", "Ctrl+S", "Ctrl+Shift+M", "Alt+←", "Alt+→"]) assert(combos.includes(combo), `the overlay lists ${combo} (has ${combos.join(", ")})`);
      await page.screenshot({ path: join(screenshotDir, "help-overlay.png") });
      await page.keyboard.press("Escape");
      await page.waitForSelector("#help-overlay", { state: "hidden" });
    });

    await check("no page errors or CSP violations", async () => {
      assert(problems.length === 0, problems.join("\n"));
    });
    await context.close();

    const suite = { browser, baseUrl, samples, fixtures, screenshotDir, check, assert, openPage, openProcess, diagramData };
    await editingChecks(suite);
    await participantsChecks(suite);
    await firstHourChecks(suite);
    await notationChecks(suite);
    await historyChecks(suite);
    await libraryChecks(suite);
    await filterChecks(suite);
    await compareChecks(suite);
    await problemsChecks(suite);
    await simulationChecks(suite);
    await exportChecks(suite);
    await batchChecks(suite);
    await realityChecks(suite);
    await syncChecks(suite);
    await namesChecks(suite);

    await check("a 4000-node process draws, culls and zooms", async () => {
      const large = largeProcess(40, 100);
      const run = await openPage(browser, baseUrl, { ...sampleLibrary(samples), histories: [[large]] });
      const started = Date.now();
      await openProcess(run.page, large.info.name);
      const firstFrameMs = Date.now() - started;
      const fitted = await diagramData(run.page);
      assert(fitted.nodesTotal === "4000", `node total ${fitted.nodesTotal}`);
      const box = await run.page.locator("#diagram").boundingBox();
      await run.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const zoomStarted = Date.now();
      for (let i = 0; i < 10; i++) await run.page.mouse.wheel(0, -240);
      await run.page.waitForFunction((zoom) => Number(document.querySelector("#diagram").dataset.zoom) > zoom * 4, Number(fitted.zoom));
      const zoomMs = Date.now() - zoomStarted;
      const zoomed = await diagramData(run.page);
      assert(Number(zoomed.nodesDrawn) > 0 && Number(zoomed.nodesDrawn) < 400, `zoomed in draws under a tenth of 4000 nodes (${zoomed.nodesDrawn})`);
      console.log(`      first frame ${firstFrameMs} ms (load + scene + draw), ${fitted.nodesDrawn} nodes drawn at fit; 10 wheel zooms ${zoomMs} ms`);
      await run.page.screenshot({ path: join(screenshotDir, "large-process-fit-zoomed.png") });
      assert(run.problems.length === 0, run.problems.join("\n"));
      await run.context.close();
    });

    await check("accounts payable v1 draws fitted", async () => {
      const library = { ...sampleLibrary(samples), histories: [[samples.payablesV1]] };
      const run = await openPage(browser, baseUrl, library);
      await openProcess(run.page, "Accounts payable");
      const data = await diagramData(run.page);
      assert(data.nodesTotal === String(samples.payablesV1.nodes.length), "v1 loaded");
      await run.page.screenshot({ path: join(screenshotDir, "accounts-payable-v1-fit.png") });
      assert(run.problems.length === 0, run.problems.join("\n"));
      await run.context.close();
    });

    await check("a corrupt library shows the backend's message in the error banner", async () => {
      const message = "The library file is corrupt (database disk image is malformed); it was not changed.";
      const run = await openPage(browser, baseUrl, { ...sampleLibrary(samples), failure: { code: "corrupt", message } });
      await run.page.waitForSelector("#error-banner:not([hidden])");
      const text = await run.page.textContent("#error-banner .error-text");
      assert(text?.includes(message), `banner says "${text}"`);
      assert((await run.page.getAttribute("#error-banner", "data-code")) === "corrupt", "banner carries the error code");
      await run.page.screenshot({ path: join(screenshotDir, "error-corrupt-library.png") });
      await run.context.close();
    });

    await check("a failed load keeps the list usable and shows the message", async () => {
      const message = "Version 2 of this process fails its hash check.";
      const run = await openPage(browser, baseUrl, { ...sampleLibrary(samples), loadFailure: { code: "hash_mismatch", message } });
      await run.page.click('#process-list li:has-text("Contract review")');
      await run.page.waitForSelector("#error-banner:not([hidden])");
      const text = await run.page.textContent("#error-banner .error-text");
      assert(text?.includes(message), `banner says "${text}"`);
      assert(await run.page.isVisible("#process-list li"), "the list stays visible");
      await run.page.click("#error-banner .error-dismiss");
      await run.page.waitForSelector("#error-banner", { state: "hidden" });
      await run.context.close();
    });
  } finally {
    await browser.close();
    server.close();
  }

  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  const failed = results.filter((r) => !r.ok).length + 1;
  console.log(`${results.length - failed + 1} passed, ${failed} failed`);
  process.exit(1);
});
