// `npm run outbox:stats`: outbox depth, the oldest due age, paused locations and rejections, printed for a terminal
// (`--json` for JSON). This is the command's output, not a log line, so it goes to stdout as is.
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
