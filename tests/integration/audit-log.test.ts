import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_PAGE_SIZE, auditEntries } from "@/lib/audit/entries";
import { recordAudit } from "@/lib/audit/log";
import { can } from "@/lib/auth/permissions";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("the audit log", () => {
  it("is append-only: the database refuses updates and deletes", async () => {
    await recordAudit(database.db, { actor: null, action: "test.entry", detail: { count: 1 } });
    await expect(database.db.auditEntry.updateMany({ data: { action: "rewritten" } })).rejects.toThrow(/append-only/);
    await expect(database.db.auditEntry.deleteMany()).rejects.toThrow(/append-only/);
    expect(await database.db.auditEntry.findMany({ select: { action: true } })).toEqual([{ action: "test.entry" }]);
  });

  it("lets a privacy erasure scrub an entry inside its own transaction only", async () => {
    const { id } = await database.db.auditEntry.create({ data: { action: "submission.edit", detail: { before: "ann@example.com" } } });
    await database.db.$transaction([
      database.db.$executeRaw`SELECT set_config('leadrelay.erasure', 'on', true)`,
      database.db.auditEntry.update({ where: { id }, data: { detail: { before: "[erased]" } } }),
    ]);
    expect((await database.db.auditEntry.findUniqueOrThrow({ where: { id } })).detail).toEqual({ before: "[erased]" });
    await expect(database.db.auditEntry.update({ where: { id }, data: { detail: {} } })).rejects.toThrow(/append-only/);
  });
});

describe("roles", () => {
  it("grant viewers reading and export only, marketers acting on submissions too, admins everything", () => {
    const permissions = ["read", "export", "act", "admin", "own-account"] as const;
    const granted = (role: "ADMIN" | "MARKETER" | "VIEWER") => permissions.filter((p) => can(role, p));
    expect(granted("VIEWER")).toEqual(["read", "export", "own-account"]);
    expect(granted("MARKETER")).toEqual(["read", "export", "act", "own-account"]);
    expect(granted("ADMIN")).toEqual([...permissions]);
  });

  it("pages newest first by id, without gaps or repeats, filtered by action and by who", async () => {
    const { _max } = await database.db.auditEntry.aggregate({ _max: { id: true } });
    const mine = (entries: { id: bigint }[]) => entries.filter((e) => e.id > (_max.id ?? 0n));
    const people = [
      { id: "00000000-0000-4000-8000-000000000001", email: "ann@example.com" },
      { id: "00000000-0000-4000-8000-000000000002", email: "bo@example.com" },
    ];
    for (let i = 0; i < 2 * AUDIT_PAGE_SIZE + 10; i++) {
      await recordAudit(database.db, { actor: people[i % 2], action: i % 3 === 0 ? "people.change" : "submission.retry", detail: { n: i } });
    }
    const seen: bigint[] = [];
    let before: bigint | undefined;
    do {
      const page = await auditEntries(database.db, { before });
      seen.push(...mine(page.entries).map((e) => e.id));
      before = page.older ?? undefined;
    } while (before);
    expect(seen).toHaveLength(2 * AUDIT_PAGE_SIZE + 10);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? 1 : -1)));

    const filtered = await auditEntries(database.db, { action: "people.change", actor: "ANN@" });
    const expected = [...Array(2 * AUDIT_PAGE_SIZE + 10).keys()].filter((i) => i % 3 === 0 && i % 2 === 0).reverse();
    expect(filtered.entries.map((e) => [e.actorEmail, e.action, (e.detail as { n: number }).n])).toEqual(
      expected.map((n) => ["ann@example.com", "people.change", n]),
    );
    expect(filtered.older).toBeNull();
  });
});
