import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrationsApplied } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => (database = await createTestDatabase()));
afterAll(() => database.drop());

const query = <T>(sql: string) => database.db.$queryRawUnsafe<T[]>(sql);

describe("readiness (/api/ready)", () => {
  it("is ready when every migration this build ships is applied", async () => {
    expect(await migrationsApplied(query)).toEqual({ ready: true });
  });

  it("is not ready while a migration of the build is pending, and says how many", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "leadrelay-migrations-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(path.join(dir, "29991231000000_next_release"));
      await writeFile(path.join(dir, "29991231000000_next_release", "migration.sql"), "SELECT 1;");
      expect(await migrationsApplied(query, dir)).toEqual({ ready: false, reason: "1 migration(s) pending" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is not ready on a database no migration ever ran on", async () => {
    await database.db.$executeRawUnsafe(`ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_away"`);
    try {
      expect(await migrationsApplied(query)).toEqual({ ready: false, reason: "no migrations applied" });
    } finally {
      await database.db.$executeRawUnsafe(`ALTER TABLE "_prisma_migrations_away" RENAME TO "_prisma_migrations"`);
    }
  });
});
