import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

// A global symbol, not a module-local map: Next compiles this module into several graphs that share one client.
const POOL = Symbol.for("leadrelay.pool");
const NAMED = Symbol.for("leadrelay.named-statements");
/** How long a pooled connection may sit idle before it is closed. */
export const IDLE_CONNECTION_MS = 5 * 60_000;

export function createDatabase(connectionString: string) {
  // Idle connections are kept through a quiet spell: each new one costs both sides a fork, SCRAM's key stretching and
  // cold caches and plans, and after pg's default 10 s the first posts of the next burst paid for ten at once.
  const pool = new pg.Pool({ connectionString, max: 10, idleTimeoutMillis: IDLE_CONNECTION_MS });
  // An idle connection the server closed (a restart) is replaced on the next query; it must not crash the process.
  pool.on("error", () => undefined);
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Password hashes never leave the data layer unless a query asks for them by name.
    omit: { user: { passwordHash: true } },
  });
  Object.defineProperty(client, POOL, { value: pool });
  // Behind PgBouncer in transaction mode before 1.21, a statement prepared on one server connection is missing on the
  // next: `?pgbouncer=true` (Prisma's spelling; node-postgres ignores it) keeps every statement unnamed.
  Object.defineProperty(client, NAMED, { value: new URL(connectionString).searchParams.get("pgbouncer") !== "true" });
  return client;
}

export type Database = ReturnType<typeof createDatabase>;

/** The connection pool under a client, for the few statements on a visitor's hot path (see lib/submission/accept.ts). */
export function poolOf(database: Database): pg.Pool {
  const pool = (database as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) throw new Error("this database client was not made by createDatabase");
  return pool;
}

/**
 * `{ name }` for a statement run on every post or delivery: PostgreSQL parses and plans it once per connection, not
 * each time (0.4 ms of its CPU a post). Nothing when the URL says pgbouncer=true. One name, one text, always.
 */
export function prepared(database: Database, name: string): { name?: string } {
  return (database as unknown as Record<symbol, boolean | undefined>)[NAMED] ? { name } : {};
}

const globalForDb = globalThis as unknown as { leadrelayDb?: Database };

/** The process's one client; kept on globalThis so dev reloads reuse its pool. */
export function db(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide one.");
  return (globalForDb.leadrelayDb ??= createDatabase(url));
}
