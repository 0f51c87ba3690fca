// `npm run outbox:stats`: what /api/health reports about the outbox, printed for a terminal (`--json` for the JSON).
import { prepareEnvironment } from "@/lib/config/startup";
import { createDatabase } from "@/lib/db/client";
import { formatOutboxStats, outboxStats } from "@/lib/outbox/stats";

const { database } = await prepareEnvironment({ mode: "cli" });
const prisma = createDatabase(process.env.DATABASE_URL!);
try {
  const stats = await outboxStats(prisma);
  console.log(process.argv.includes("--json") ? JSON.stringify(stats, null, 2) : formatOutboxStats(stats));
} finally {
  await prisma.$disconnect();
  await database?.stop();
}
