import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
