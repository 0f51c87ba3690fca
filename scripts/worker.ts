// `npm run worker`: a dispatcher on its own, beside or instead of the web process's.
import { siteForms } from "@/content/registry";
import { prepareEnvironment } from "@/lib/config/startup";
import { createDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { ensureDefaultLocation, storedTokensWithoutKey } from "@/lib/locations/directory";
import { housekeeping } from "@/lib/maintenance/housekeeping";
import { startDispatchLoop } from "@/lib/outbox/loop";
import { dispatcherFromEnv } from "@/lib/outbox/runtime";
import { stopDelivering } from "@/lib/outbox/shutdown";
import { listenForSubmissions } from "@/lib/outbox/wake";
import { moduleLog } from "@/lib/log/logger";

const { env, database } = await prepareEnvironment({ mode: "worker" });
await migrate(process.env.DATABASE_URL!);
const prisma = createDatabase(process.env.DATABASE_URL!);
await ensureDefaultLocation(prisma, env);
// Without the key every location added in the dashboard would be paused one by one: refuse at once instead.
const unreadable = await storedTokensWithoutKey(prisma, env);
if (unreadable > 0) {
  console.error(`Invalid configuration:\n  TOKEN_ENCRYPTION_KEY is required: ${unreadable} location(s) in the database have stored tokens`);
  await prisma.$disconnect();
  await database?.stop();
  process.exit(1);
}
const dispatcher = dispatcherFromEnv(prisma, env, siteForms);
const loop = startDispatchLoop(dispatcher, {
  idleMs: env.DELIVERY_POLL_MS,
  housekeeping: housekeeping(prisma, env),
  listen: (wake) => listenForSubmissions(process.env.DATABASE_URL!, wake, { workerId: dispatcher.workerId, waitMs: env.DELIVERY_POLL_MS }),
});
const log = moduleLog("worker").child({ workerId: dispatcher.workerId });

// This process stops things itself, in order, under the deliveries still in flight: no other handler may exit first.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs: env.DELIVERY_SHUTDOWN_GRACE_MS }, "no new claims; finishing the calls in flight");
    const unfinished = await stopDelivering({ dispatcher, loop, graceMs: env.DELIVERY_SHUTDOWN_GRACE_MS });
    if (unfinished > 0) log.warn({ unfinished }, "calls still unanswered: their leases expire and another worker takes them over");
    await prisma.$disconnect();
    await database?.stop();
    log.info("stopped");
    process.exit(0);
  });
}
// Announced only once the handlers are in place: a SIGTERM sent on reading this line must find them.
log.info("delivering");
