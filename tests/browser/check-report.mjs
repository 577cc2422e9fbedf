// Opens a Vigil HTML report in headless Chromium and checks it as a reader
// would see it: no console error, no request leaving the file, the expected
// text in the expected places, the filters hiding what they should; and
// takes screenshots of chosen elements.
//
//   node tests/browser/check-report.mjs REPORT.html
//        [--expect 'SELECTOR::TEXT']...      an element matching SELECTOR contains TEXT
//        [--screenshot 'SELECTOR::OUT.png']... the first element matching SELECTOR, as a PNG
//        [--filters]                          each filter option shows exactly its findings
//
// Exit status: 0 all good, 1 a check failed (each failure printed), 3 no
// Chromium on this machine (the caller skips), 2 bad usage.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Browser, findChromium } from "./cdp.mjs";

const args = process.argv.slice(2);
const report = args.shift();
const expects = [], shots = [];
let filters = false;
while (args.length > 0) {
  const a = args.shift();
  if (a === "--expect") expects.push(split(args.shift()));
  else if (a === "--screenshot") shots.push(split(args.shift()));
  else if (a === "--filters") filters = true;
  else usage(`unknown argument ${a}`);
}
if (!report) usage("no report given");

function split(spec) {
  const i = (spec || "").indexOf("::");
  if (i < 0) usage(`"${spec}" is not SELECTOR::VALUE`);
  return [spec.slice(0, i), spec.slice(i + 2)];
}

function usage(why) {
  console.error(`check-report: ${why}\nusage: check-report.mjs REPORT.html [--expect 'SELECTOR::TEXT']... [--screenshot 'SELECTOR::OUT.png']... [--filters]`);
  process.exit(2);
}

const chromium = findChromium();
if (!chromium) {
  console.log("check-report: no chromium on PATH (Debian: apt-get install chromium); set VIGIL_CHROMIUM to use another");
  process.exit(3);
}

const failures = [];
const browser = await Browser.launch(chromium);
const watchdog = setTimeout(() => {
  console.log("check-report: FAIL: Chromium did not finish within 90 s\n" + browser.stderr.slice(-2000));
  browser.proc.kill();
  process.exit(1);
}, 90_000);

try {
  const page = await browser.newPage();
  const url = pathToFileURL(resolve(report)).href;
  browser.on((m) => {
    if (m.sessionId !== page) return;
    const p = m.params;
    if (m.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert"))
      failures.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(" ")}`);
    else if (m.method === "Runtime.exceptionThrown")
      failures.push(`uncaught exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
    else if (m.method === "Log.entryAdded" && p.entry.level === "error")
      failures.push(`console (${p.entry.source}): ${p.entry.text}${p.entry.url ? " " + p.entry.url : ""}`);
    else if (m.method === "Network.requestWillBeSent" && !/^(file|data|about):/.test(p.request.url))
      failures.push(`request leaving the file: ${p.request.url}`);
  });
  for (const domain of ["Page", "Runtime", "Log", "Network"]) await browser.send(`${domain}.enable`, {}, page);
  await browser.send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false }, page);
  const loaded = browser.waitFor("Page.loadEventFired", page);
  await browser.send("Page.navigate", { url }, page);
  await loaded;

  const evaluate = async (expression) => {
    const r = await browser.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, page);
    if (r.exceptionDetails) throw new Error(`evaluating in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };

  for (const [selector, text] of expects) {
    const found = await evaluate(`Array.from(document.querySelectorAll(${JSON.stringify(selector)})).some(e => e.textContent.includes(${JSON.stringify(text)}))`);
    if (!found) failures.push(`expected ${JSON.stringify(text)} in ${selector}`);
    else console.log(`ok: ${selector} has ${JSON.stringify(text)}`);
  }

  // Every diagram is drawn, and no label runs past its diagram's edge.
  const layout = await evaluate(`(${checkDiagrams.toString()})()`);
  failures.push(...layout);

  if (filters) {
    const problems = await evaluate(`(${checkFilters.toString()})()`);
    failures.push(...problems);
    if (problems.length === 0) console.log("ok: every filter option shows exactly its findings");
  }

  if (shots.length > 0) {
    // The sticky filter bar would cover the top of an element scrolled under it: let it scroll away.
    await evaluate(`document.head.insertAdjacentHTML("beforeend", "<style>header.top{position:static}</style>")`);
  }
  for (const [selector, out] of shots) {
    // The element is scrolled to the top of a viewport tall enough to hold it, then clipped: Chromium's
    // captureBeyondViewport draws a clip far down a long page from the wrong place.
    const size = await evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
      return e ? Math.ceil(e.getBoundingClientRect().height) : null; })()`);
    if (size === null) { failures.push(`no element ${selector} to take a screenshot of`); continue; }
    const pad = 8;
    await browser.send("Emulation.setDeviceMetricsOverride", { width: 1280, height: Math.max(900, size + 2 * pad), deviceScaleFactor: 1, mobile: false }, page);
    const rect = await evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
      window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - ${pad}); const r = e.getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height }; })()`);
    const clip = { x: Math.max(0, rect.x - pad), y: Math.max(0, rect.y - pad), width: rect.width + 2 * pad, height: rect.height + 2 * pad, scale: 1 };
    const shot = await browser.send("Page.captureScreenshot", { format: "png", clip }, page);
    writeFileSync(out, Buffer.from(shot.data, "base64"));
    console.log(`screenshot: ${out} (${selector}, ${Math.round(clip.width)}x${Math.round(clip.height)})`);
  }
  // Late errors (a handler that throws after load) are collected too.
  await evaluate("new Promise(r => setTimeout(r, 200))");
} catch (e) {
  failures.push(String(e && e.stack || e));
} finally {
  clearTimeout(watchdog);
  await browser.close();
}

for (const f of failures) console.log(`FAIL: ${f}`);
console.log(failures.length === 0 ? "check-report: ok" : `check-report: ${failures.length} failure(s)`);
process.exit(failures.length === 0 ? 0 : 1);

/** Runs in the page: for each option of each filter, exactly the findings it names stay visible. */
function checkFilters() {
  const problems = [];
  const form = document.getElementById("filters");
  if (!form) return ["no filter form"];
  const all = Array.from(document.querySelectorAll("article.finding"));
  const visible = () => all.filter((a) => a.offsetParent !== null);
  for (const [name, attr] of [["check", "data-check"], ["package", "data-package"], ["severity", "data-severity"]]) {
    const select = form.elements[name];
    for (const option of Array.from(select.options).map((o) => o.value).filter((v) => v !== "")) {
      select.value = option;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      const want = all.filter((a) => a.getAttribute(attr) === option);
      const got = visible();
      if (want.length === 0 || got.length !== want.length || got.some((a) => a.getAttribute(attr) !== option))
        problems.push(`filter ${name}=${option}: ${got.length} findings shown, ${want.length} expected`);
    }
    select.value = "";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }
  const text = form.elements["text"];
  text.value = "no finding says this \u2603";
  text.dispatchEvent(new Event("input", { bubbles: true }));
  if (visible().length !== 0 || document.getElementById("none-shown").hidden) problems.push("a text matching nothing still shows findings");
  text.value = "";
  text.dispatchEvent(new Event("input", { bubbles: true }));
  if (visible().length !== all.length) problems.push(`with no filter ${visible().length} of ${all.length} findings shown`);
  return problems;
}

/** Runs in the page: each diagram has a size, and its labels stay inside it. */
function checkDiagrams() {
  const problems = [];
  document.querySelectorAll("svg.diagram").forEach((svg, i) => {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) problems.push(`diagram ${i + 1} is not drawn (${box.width}x${box.height})`);
    const width = svg.viewBox.baseVal.width;
    svg.querySelectorAll("text").forEach((t) => {
      const b = t.getBBox();
      if (b.x + b.width > width + 1) problems.push(`diagram ${i + 1}: "${t.textContent}" runs past the edge (${Math.round(b.x + b.width)} > ${width})`);
    });
  });
  return problems;
}
