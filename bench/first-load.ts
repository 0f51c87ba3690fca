// First-load JavaScript of the public pages, beside the not-found page (root layout only) of the same
// build: what a visitor's browser downloads before the form works. Needs `npm run build` first.
// Usage: npm run bench:first-load
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { CHROMIUM_ARGS, resolveChromium } from "../tests/e2e/browser";

const PORT = Number(process.env.BENCH_PORT ?? 3390);
const PAGES = [
  ["/", "home page with the contact form"],
  ["/embed/contact", "contact form embed"],
  ["/quote", "quote page"],
  ["/no-such-page", "not-found page (baseline: framework only)"],
];

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
const browser = resolveChromium();
if (!browser.ok) {
  console.error(browser.reason);
  process.exit(1);
}

const dir = await mkdtemp(path.join(tmpdir(), "leadrelay-bench-"));
await chmod(dir, 0o755);
const database = await startEmbeddedPostgres(dir);
const server = spawn(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "scripts/serve.ts", "start"], {
  env: { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret", PORT: String(PORT), LEADCONNECTOR_TOKEN: "" },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Ready in") && resolve());
  server.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
});

const chrome = await chromium.launch({ executablePath: browser.executablePath, args: CHROMIUM_ARGS });
const rows: string[][] = [];
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
    rows.push([url, what, String(bodies.length), kb(raw), kb(gzip)]);
    await page.close();
  }
} finally {
  await chrome.close();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await database.stop();
  await rm(dir, { recursive: true, force: true });
}

console.log("| page | what | scripts | JS (raw) | JS (gzip) |\n|---|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);

function kb(bytes: number) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
