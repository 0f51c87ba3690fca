import type { Env } from "@/lib/config/env";
import { createDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { ensureDefaultLocation, isSandbox } from "@/lib/locations/directory";
import { ensureFirstAdmin } from "@/lib/users/first-admin";
import { startWebServer } from "./server";

/** What every web start does before serving: pending migrations, the first admin, the default location. */
export async function prepareApp(env: Env) {
  const applied = await migrate(process.env.DATABASE_URL!);
  if (applied.length > 0) console.log(`[leadrelay] Applied migrations: ${applied.join(", ")}`);
  const prisma = createDatabase(process.env.DATABASE_URL!);
  const adminNotice = await ensureFirstAdmin(prisma, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  await ensureDefaultLocation(prisma, env);
  await prisma.$disconnect();
  if (adminNotice) console.log(`[leadrelay] ${adminNotice}`);
  if (isSandbox(env)) console.log("[leadrelay] No LEADCONNECTOR_TOKEN: sandbox mode, contacts go to an in-process stand-in, not to LeadConnector.");
}

/**
 * Serves until a signal: then no new connections. In production the web dispatcher's SIGTERM handler ends the process
 * after the deliveries in flight (NEXT_MANUAL_SIG_HANDLE); the timer is a backstop for a process that runs none.
 */
export async function serveUntilStopped({ dev, env }: { dev: boolean; env: Env }) {
  const server = await startWebServer({ dev, port: env.PORT, trustedHops: env.TRUSTED_PROXY_HOPS });
  const hops = env.TRUSTED_PROXY_HOPS ? ` (client address: ${env.TRUSTED_PROXY_HOPS} trusted proxy hop(s) in X-Forwarded-For)` : "";
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close();
      server.closeIdleConnections();
      if (dev) process.exit(0);
      setTimeout(() => process.exit(0), env.DELIVERY_SHUTDOWN_GRACE_MS + 5_000).unref();
    });
  }
  // Announced once the handlers are in place: a signal sent on reading this line must find them.
  console.log(`[leadrelay] Serving on http://localhost:${env.PORT}${hops}`);
}
