// Stands in for lib/db/embedded.ts in the standalone build: the zero-config database is a development convenience,
// and its PostgreSQL binaries are not shipped. A deployment names its database.
import type { EmbeddedDatabase } from "@/lib/db/embedded";

export async function startEmbeddedPostgres(): Promise<EmbeddedDatabase> {
  console.error("Invalid configuration:\n  DATABASE_URL is required by the standalone build (it has no embedded PostgreSQL)");
  process.exit(1);
}
