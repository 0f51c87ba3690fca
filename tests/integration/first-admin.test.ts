import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ADMIN_EMAIL, ensureFirstAdmin } from "@/lib/users/first-admin";
import { verifyPassword } from "@/lib/users/password";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => database.db.user.deleteMany());

const storedHash = async (email: string) => (await database.db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } })).passwordHash;

describe("the first admin", () => {
  it("is created from ADMIN_EMAIL and ADMIN_PASSWORD with an argon2id hash, once", async () => {
    const notice = await ensureFirstAdmin(database.db, { email: "Owner@Example.com", password: "correct horse battery" });
    expect(notice).toBe("Created admin Owner@Example.com with the password from ADMIN_PASSWORD.");
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    expect(user.role).toBe("ADMIN");
    expect(user).not.toHaveProperty("passwordHash"); // omitted unless a query asks for it
    const hash = await storedHash("owner@example.com");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "wrong")).toBe(false);

    expect(await ensureFirstAdmin(database.db, { email: "owner@example.com", password: "another password!" })).toBeNull();
    expect(await database.db.user.count()).toBe(1);
  });

  it("is generated with a printed password when nothing is configured and nobody exists", async () => {
    const notice = await ensureFirstAdmin(database.db, {});
    const password = notice?.match(/password: (\S+)/)?.[1];
    expect(notice).toContain(`Sign in at /login as ${DEFAULT_ADMIN_EMAIL}`);
    expect(await verifyPassword(await storedHash(DEFAULT_ADMIN_EMAIL), password!)).toBe(true);
    expect(await ensureFirstAdmin(database.db, {})).toBeNull();
  });
});
