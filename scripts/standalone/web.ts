// The web entry of the standalone build (`node leadrelay/web.mjs`, bundled by scripts/build-standalone.ts): what
// `npm start` does (migrations, first admin, default location, then Next behind lib/web/server.ts), in one process,
// since the standalone folder has neither tsx nor the sources `npm start` spawns.
import { readFileSync } from "node:fs";
import { prepareEnvironment } from "@/lib/config/startup";
import { prepareApp, serveUntilStopped } from "@/lib/web/start";

// Next reads its configuration from here in a standalone folder: next.config.ts is not shipped (Next's own server.js does the same).
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(JSON.parse(readFileSync(".next/required-server-files.json", "utf8")).config);
// The web dispatcher handles SIGTERM itself, so deliveries in flight finish before the process ends.
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

const { env } = await prepareEnvironment({ mode: "start" });
await prepareApp(env);
await serveUntilStopped({ dev: false, env });
