// `npm run dev` and `npm start`: prepares the database (embedded when DATABASE_URL is absent),
// applies migrations, makes sure an admin exists, then runs the web server (scripts/web.ts: Next, which runs the dispatcher).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { prepareEnvironment } from "@/lib/config/startup";
import { webNodeOptions } from "@/lib/web/node-options";
import { prepareApp } from "@/lib/web/start";

const mode = process.argv[2] === "start" ? "start" : "dev";
if (mode === "start" && !existsSync(".next/BUILD_ID")) {
  console.error("No production build found: run `npm run build` before `npm start`.");
  process.exit(1);
}

if (mode === "dev") {
  // Lists (and checks) the landing pages, so a page added to content/landing/ is served at once.
  const { status } = spawnSync(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "scripts/landing-index.ts"], { stdio: "inherit" });
  if (status !== 0) process.exit(1);
}

const { env, database } = await prepareEnvironment({ mode });
await prepareApp(env);

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
// In production the web dispatcher handles SIGTERM itself, so deliveries in flight finish before the process ends,
// and V8's helper threads leave a core to the worker and PostgreSQL beside it (lib/web/node-options.ts).
const production = mode === "start" ? { NEXT_MANUAL_SIG_HANDLE: "true", NODE_OPTIONS: webNodeOptions(process.env.NODE_OPTIONS) } : {};
const child = spawn(process.execPath, [tsx, "scripts/web.ts", mode], { stdio: "inherit", env: { ...process.env, ...production } });

// This process stops things itself, in order, under the deliveries still in flight: no other handler may exit first.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", async (code, signal) => {
  await database?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
