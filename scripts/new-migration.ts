// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the change in schema.prisma since the
// last migration, using Prisma 6's wasm schema engine (Prisma 7's native one cannot be downloaded here).
// Usage: npm run db:new-migration -- <name>
import { existsSync } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadEnvFiles } from "../lib/config/startup";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { MIGRATIONS_DIR } from "../lib/db/migrate";
import { diffSchemas, SNAPSHOT } from "../lib/db/schema-diff";
import { moduleLog } from "../lib/log/logger";

const log = moduleLog("new-migration");

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  log.error("Usage: npm run db:new-migration -- <name>   (lowercase letters, digits and _)");
  process.exit(2);
}

loadEnvFiles("cli");
const database = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(path.resolve(".data"));
try {
  const from = existsSync(SNAPSHOT) ? SNAPSHOT : null;
  const sql = await diffSchemas(from, "prisma/schema.prisma", process.env.DATABASE_URL ?? database!.url);
  if (!sql) {
    log.error("schema.prisma has not changed since the last migration: nothing to write.");
    process.exitCode = 1;
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
    await copyFile("prisma/schema.prisma", SNAPSHOT);
    log.info(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await database?.stop();
}
