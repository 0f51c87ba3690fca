import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate";
import { diffSchemas, SNAPSHOT } from "@/lib/db/schema-diff";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let copy: string;

beforeAll(async () => {
  database = await createTestDatabase();
  copy = await mkdtemp(path.join(tmpdir(), "leadrelay-migrations-"));
});
afterAll(async () => {
  await database.drop();
  await rm(copy, { recursive: true, force: true });
});

async function appliedMigrations(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
  await client.end();
  return rows;
}

describe("migrations", () => {
  it("are recorded in Prisma's own table with each file's checksum, and a second run applies nothing", async () => {
    const rows = await appliedMigrations(database.url);
    const files = await readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    expect(await migrate(database.url)).toEqual([]);
  });

  it("refuses to run when an applied migration's file was edited", async () => {
    await cp(MIGRATIONS_DIR, copy, { recursive: true });
    const [first] = await readMigrations(copy);
    await writeFile(path.join(copy, first.name, "migration.sql"), first.sql + "\n-- edited\n");
    await expect(migrate(database.url, copy)).rejects.toThrow(`Migration ${first.name} was changed after it was applied`);
  });

  it("cover every change to schema.prisma (run `npm run db:new-migration -- <name>` when this fails)", async () => {
    const sql = await diffSchemas(SNAPSHOT, "prisma/schema.prisma", database.url);
    expect(sql).toBe("");
  });
});
