// First-load JavaScript of every form page, beside the not-found page (root layout only) of the same build: what a
// visitor's browser downloads before the form works. Exits non-zero when a form page carries more than
// FORM_BUDGET_KB (gzip) over that baseline, or embed.js exceeds EMBED_BUDGET_KB. Also reports the cold-load
// largest contentful paint of `/`. Needs `npm run build` first. Usage: npm run bench:first-load
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { startTemporaryPostgres } from "@/lib/db/embedded";
import { CHROMIUM_ARGS, resolveChromium } from "../support/browser";

const PORT = Number(process.env.BENCH_PORT ?? 3390);
const BASELINE = "/no-such-page";
const PAGES = [
  [BASELINE, "not-found page (baseline: framework only)"],
  ["/", "home page with the contact form"],
  ["/quote", "quote page"],
  ["/webinar", "webinar page"],
  ["/embed/contact", "contact form embed"],
  ["/embed/quote", "quote form embed"],
  ["/embed/webinar", "webinar form embed"],
];
/** What a form may add to the framework's own JavaScript, gzip: a phone on a slow network still gets a quick form. */
const FORM_BUDGET_KB = 25;
const EMBED_BUDGET_KB = 3;

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
const browser = resolveChromium();
if (!browser.ok) {
  console.error(browser.reason);
  process.exit(1);
}

const database = await startTemporaryPostgres("bench-first-load");
const server = spawn(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "scripts/serve.ts", "start"], {
  env: { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret", PORT: String(PORT), LEADCONNECTOR_TOKEN: "" },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("[leadrelay] Serving on") && resolve());
  server.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
});

const chrome = await chromium.launch({ executablePath: browser.executablePath, args: CHROMIUM_ARGS });
const rows: { url: string; what: string; scripts: number; raw: number; gzip: number }[] = [];
let lcpMs = 0;
let embedBytes = 0;
try {
  for (const [url, what] of PAGES) {
    const page = await chrome.newPage();
    const scripts: Promise<Buffer>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.body());
    });
    await page.goto(`http://localhost:${PORT}${url}`, { waitUntil: "networkidle" });
    const bodies = await Promise.all(scripts);
    const raw = bodies.reduce((sum, b) => sum + b.length, 0);
    const gzip = bodies.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0);
    rows.push({ url, what, scripts: bodies.length, raw, gzip });
    await page.close();
  }
  // A cold load of the home page in a fresh context (no cache): when its largest element was painted.
  const context = await chrome.newContext();
  const page = await context.newPage();
  await page.goto(`http://localhost:${PORT}/`, { waitUntil: "networkidle" });
  lcpMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => resolve(list.getEntries().at(-1)!.startTime)).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  await context.close();
  embedBytes = gzipSync(await readFile("public/embed.js"), { level: 9 }).length;
} finally {
  await chrome.close();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await database.stop();
}

const baseline = rows.find((r) => r.url === BASELINE)!.gzip;
const over: string[] = [];
console.log(`| page | what | scripts | JS (raw) | JS (gzip) | over the baseline (limit ${FORM_BUDGET_KB} KB) |\n|---|---|---|---|---|---|`);
for (const row of rows) {
  const extra = row.gzip - baseline;
  if (row.url !== BASELINE && extra > FORM_BUDGET_KB * 1024) over.push(`${row.url} carries ${kb(extra)} more than the baseline (limit ${FORM_BUDGET_KB} KB)`);
  console.log(`| ${row.url} | ${row.what} | ${row.scripts} | ${kb(row.raw)} | ${kb(row.gzip)} | ${row.url === BASELINE ? "" : `+${kb(extra)}`} |`);
}
console.log(`\n/embed.js: ${kb(embedBytes)} gzip (limit ${EMBED_BUDGET_KB} KB)`);
if (embedBytes > EMBED_BUDGET_KB * 1024) over.push(`/embed.js is ${kb(embedBytes)} gzip (limit ${EMBED_BUDGET_KB} KB)`);
console.log(`Largest contentful paint of / on a cold load: ${lcpMs.toFixed(0)} ms (loopback, no throttling)`);
if (over.length > 0) {
  console.error(`\nOver budget:\n- ${over.join("\n- ")}`);
  process.exitCode = 1;
}

function kb(bytes: number) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
