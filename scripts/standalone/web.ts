// The web entry of the standalone build (`node leadrelay/web.mjs`, bundled by scripts/build-standalone.ts): what
// `npm start` does (migrations, first admin, default location, then Next behind lib/web/server.ts), in one process,
// since the standalone folder has neither tsx nor the sources `npm start` spawns.
import { readFileSync } from "node:fs";
import { prepareEnvironment } from "@/lib/config/startup";
import { createDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { ensureDefaultLocation, isSandbox } from "@/lib/locations/directory";
import { ensureFirstAdmin } from "@/lib/users/first-admin";
import { startWebServer } from "@/lib/web/server";

// Next reads its configuration from here in a standalone folder: next.config.ts is not shipped (Next's own server.js does the same).
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(JSON.parse(readFileSync(".next/required-server-files.json", "utf8")).config);
// The web dispatcher handles SIGTERM itself, so deliveries in flight finish before the process ends.
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

const { env } = await prepareEnvironment({ mode: "start" });
const applied = await migrate(process.env.DATABASE_URL!);
if (applied.length > 0) console.log(`[leadrelay] Applied migrations: ${applied.join(", ")}`);
const prisma = createDatabase(process.env.DATABASE_URL!);
const adminNotice = await ensureFirstAdmin(prisma, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
await ensureDefaultLocation(prisma, env);
await prisma.$disconnect();
if (adminNotice) console.log(`[leadrelay] ${adminNotice}`);
if (isSandbox(env)) console.log("[leadrelay] No LEADCONNECTOR_TOKEN: sandbox mode, contacts go to an in-process stand-in, not to LeadConnector.");

const server = await startWebServer({ dev: false, port: env.PORT, trustedHops: env.TRUSTED_PROXY_HOPS });
console.log(`[leadrelay] Serving on http://localhost:${env.PORT}${env.TRUSTED_PROXY_HOPS ? ` (client address: ${env.TRUSTED_PROXY_HOPS} trusted proxy hop(s) in X-Forwarded-For)` : ""}`);

// No new connections once asked to stop; the web dispatcher's SIGTERM handler ends the process after the deliveries
// in flight, and this backstop covers a process that runs none.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), env.DELIVERY_SHUTDOWN_GRACE_MS + 5_000).unref();
  });
}
