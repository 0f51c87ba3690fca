// The connection pool under every process's database client: a quiet spell between bursts of posts keeps its
// connections (each new one costs a fork, SCRAM and cold plans on both sides), a long idle gives them back.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDatabase, IDLE_CONNECTION_MS, poolOf, type Database } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let client: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  client = createDatabase(database.url);
});
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await client.$disconnect();
  await database.drop();
});

describe("the database client's pool", () => {
  it("keeps idle connections through a quiet minute, and closes them after IDLE_CONNECTION_MS", async () => {
    const pool = poolOf(client);
    // Only the pool's idle timer is faked; the connection itself is real.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    await Promise.all([pool.query("SELECT pg_sleep(0.05)"), pool.query("SELECT pg_sleep(0.05)")]);
    expect(pool.idleCount).toBe(2);

    vi.advanceTimersByTime(60_000);
    expect(pool.totalCount).toBe(2);
    const { rows } = await pool.query<{ connections: number }>(
      "SELECT count(*)::int AS connections FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'",
    );
    expect(rows[0].connections).toBeGreaterThanOrEqual(2);

    vi.advanceTimersByTime(IDLE_CONNECTION_MS);
    expect(pool.totalCount).toBe(0);
  });
});
