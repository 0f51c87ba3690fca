// `npm run worker`: a dispatcher on its own, beside or instead of the web process's.
import { prepareEnvironment } from "@/lib/config/startup";
import { createDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createLocationDirectory, ensureDefaultLocation } from "@/lib/locations/directory";
import { createDispatcher } from "@/lib/outbox/dispatcher";
import { startDispatchLoop } from "@/lib/outbox/loop";

const { env, database } = await prepareEnvironment({ mode: "worker" });
await migrate(process.env.DATABASE_URL!);
const prisma = createDatabase(process.env.DATABASE_URL!);
await ensureDefaultLocation(prisma, env);
const dispatcher = createDispatcher({ db: prisma, locations: createLocationDirectory(prisma, env), maxAttempts: env.DELIVERY_MAX_ATTEMPTS });
const loop = startDispatchLoop(dispatcher);
console.log(`[worker ${dispatcher.workerId}] delivering`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker ${dispatcher.workerId}] ${signal}: finishing the deliveries in flight`);
    await loop.stop();
    await prisma.$disconnect();
    await database?.stop();
    process.exit(0);
  });
}
