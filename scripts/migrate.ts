// `npm run db:migrate`: applies pending migrations and nothing else.
import { prepareEnvironment } from "@/lib/config/startup";
import { migrate, MigrationError } from "@/lib/db/migrate";
import { moduleLog } from "@/lib/log/logger";

const log = moduleLog("migrate");

const { database } = await prepareEnvironment({ mode: "cli" });
try {
  const applied = await migrate(process.env.DATABASE_URL!);
  log.info({ applied }, applied.length > 0 ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
} catch (error) {
  if (!(error instanceof MigrationError)) throw error;
  log.error(error.message);
  process.exitCode = 1;
} finally {
  await database?.stop();
}
