import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, prepared, type Database } from "@/lib/db/client";
import { ensureDefaultLocation } from "@/lib/locations/directory";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { dispatcherFor, envFor, submitContact } from "../support/delivery";
import { pgbouncerVersion, startPgBouncer, type PgBouncer } from "../support/pgbouncer";

// docs/deploy.md "PgBouncer": what works through transaction pooling and what needs a direct connection.
let database: TestDatabase;
let fake: FakeLeadConnector;
let bouncer: PgBouncer;
let pooled: Database;

beforeAll(async () => {
  if (!pgbouncerVersion()) throw new Error("PgBouncer is not installed: apt-get install -y pgbouncer (.ci/run does), or set PGBOUNCER_PATH");
  database = await createTestDatabase();
  fake = await startFakeLeadConnector({ token: "pit-bouncer-token" });
  const dbname = new URL(database.url).pathname.slice(1);
  bouncer = await startPgBouncer(inject("postgresUrl"), { leadrelay: { dbname }, single: { dbname, poolSize: 1 } });
  // docs/deploy.md: `?pgbouncer=true` before PgBouncer 1.21, whose transaction mode cannot keep prepared statements.
  pooled = createDatabase(`${bouncer.url("leadrelay")}?pgbouncer=true`);
});
afterAll(async () => {
  await pooled?.$disconnect();
  await bouncer?.stop();
  await fake?.close();
  await database?.drop();
});

describe("through PgBouncer in transaction mode", () => {
  it("accepts submissions concurrently (advisory transaction locks, counted limits) and delivers each once", async () => {
    await ensureDefaultLocation(pooled, envFor(fake));
    // PgBouncer opens server connections one at a time: from cold, 20 transactions at once can wait past Prisma's
    // 2 s transaction wait (docs/deploy.md: warm the pool with min_pool_size). One submission first opens it.
    const first = await submitContact(pooled, { email: "bouncer-first@example.com" });
    const ids = [first, ...(await Promise.all(Array.from({ length: 19 }, (_, i) => submitContact(pooled, { email: `bouncer${i}@example.com` }))))];
    expect(new Set(ids).size).toBe(20);

    // Two dispatchers over the pooled connections, as two workers would be.
    const [a, b] = [dispatcherFor(pooled, fake, { workerId: "a" }), dispatcherFor(pooled, fake, { workerId: "b" })];
    while ((await Promise.all([a.runOnce(), b.runOnce()])).some((handled) => handled > 0));

    const rows = await database.db.submission.findMany({ where: { id: { in: ids } }, select: { status: true } });
    expect(rows.map((r) => r.status)).toEqual(Array(20).fill("DELIVERED"));
    expect(fake.contacts.map((c) => c.body.email).sort()).toEqual(
      ["bouncer-first@example.com", ...Array.from({ length: 19 }, (_, i) => `bouncer${i}@example.com`)].sort(),
    );
  });

  it("leaks prepared statements between clients, so a URL with pgbouncer=true keeps the hot path's statements unnamed", async () => {
    const [a, b] = [new pg.Client({ connectionString: bouncer.url("single") }), new pg.Client({ connectionString: bouncer.url("single") })];
    await a.connect();
    await b.connect();
    try {
      await a.query({ name: "accept-held", text: "SELECT 1" });
      // B never prepared it, but its server connection (A's) has it: what PostgreSQL says then is an error, not an answer.
      await expect(b.query({ name: "accept-held", text: "SELECT 1" })).rejects.toThrow(/prepared statement "accept-held" already exists/);
      await b.query("DEALLOCATE ALL");
    } finally {
      await a.end();
      await b.end();
    }
    expect(prepared(pooled, "accept-held")).toEqual({});
    expect(prepared(database.db, "accept-held")).toEqual({ name: "accept-held" });
  });

  it("does not keep session state: a session advisory lock (the migration runner's) is visible to the next client of the same server connection", async () => {
    // Pool of one server connection: client A takes a session lock and returns the connection; client B gets it too.
    const [a, b] = [new pg.Client({ connectionString: bouncer.url("single") }), new pg.Client({ connectionString: bouncer.url("single") })];
    await a.connect();
    await b.connect();
    try {
      await a.query("SELECT pg_advisory_lock(72707369)");
      const { rows } = await b.query<{ got: boolean }>("SELECT pg_try_advisory_lock(72707369) AS got");
      // On a direct connection B would be refused; through the pooler it is handed A's lock. Migrations need DATABASE_URL direct.
      expect(rows[0].got).toBe(true);
      await b.query("SELECT pg_advisory_unlock_all()");
    } finally {
      await a.end();
      await b.end();
    }
  });
});
