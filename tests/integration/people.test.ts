import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { addPerson, resetPassword, updatePerson } from "@/lib/users/people";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(async () => {
  await database.db.signInFailure.deleteMany();
  await database.db.user.deleteMany();
});

const noWait = () => Promise.resolve();
const signIn = (email: string, password: string) => attemptSignIn(database.db, { email, password, address: "127.0.0.9" }, noWait);

/** `npm run user:<command>` as an operator runs it: its own process, its printout and exit code. */
function userCommand(command: "create" | "deactivate", args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/user.ts", command, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", DATABASE_URL: database.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let [stdout, stderr] = ["", ""];
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("npm run user:create and user:deactivate", () => {
  it("creates a person with a generated password that signs in, shown once and recorded without it", async () => {
    const created = await userCommand("create", ["--email", "Ann@Example.com", "--role", "viewer"]);
    expect(created.code).toBe(0);
    const password = /One-time password .*: (\S+)/.exec(created.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{20}$/);
    expect(await signIn("ann@example.com", password!)).toMatchObject({ kind: "signed-in", user: { email: "ann@example.com", role: "VIEWER" } });
    const entries = await database.db.auditEntry.findMany({ where: { action: "people.create" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: null, detail: { email: "ann@example.com", role: "VIEWER" } });
    expect(JSON.stringify(await database.db.auditEntry.findMany({ select: { action: true, actorEmail: true, detail: true } }))).not.toContain(password);
  });

  it.each([
    [["--email", "not-an-email", "--role", "viewer"], 1, "Enter an email address"],
    [["--email", "bo@example.com", "--role", "owner"], 1, "Choose admin, marketer or viewer"],
    [["--email", "bo@example.com", "--role", "viewer", "--password", "too-short"], 1, "at least 12 characters"],
    [["--email", "bo@example.com"], 2, "--role is required"],
    [["--mail", "bo@example.com"], 2, "Unknown option '--mail'"],
  ])("exits non-zero with the reason for %j", async (args, code, reason) => {
    const result = await userCommand("create", args);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(reason);
    expect(await database.db.user.count()).toBe(0);
  });

  it("refuses a duplicate, and deactivates a person so they can no longer sign in", async () => {
    expect((await userCommand("create", ["--email", "cy@example.com", "--role", "marketer", "--password", "a-long-enough-password"])).code).toBe(0);
    const duplicate = await userCommand("create", ["--email", "CY@example.com", "--role", "viewer"]);
    expect(duplicate).toMatchObject({ code: 1 });
    expect(duplicate.stderr).toContain("cy@example.com already has an account");

    const deactivated = await userCommand("deactivate", ["--email", "cy@example.com"]);
    expect(deactivated.code).toBe(0);
    expect(await signIn("cy@example.com", "a-long-enough-password")).toEqual({ kind: "refused" });
    const unknown = await userCommand("deactivate", ["--email", "nobody@example.com"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No account has the email nobody@example.com");
    const entries = await database.db.auditEntry.findMany({ where: { action: "people.change" }, select: { actorId: true, actorEmail: true, detail: true } });
    expect(entries).toEqual([
      {
        actorId: null,
        actorEmail: null,
        detail: {
          intent: "deactivate",
          email: "cy@example.com",
          before: { role: "MARKETER", active: true },
          after: { role: "MARKETER", active: false },
          by: "command line",
        },
      },
    ]);
  });

  it("refuses to deactivate the last active admin, and deactivates an admin once another exists", async () => {
    expect((await userCommand("create", ["--email", "root@example.com", "--role", "admin", "--password", "root-password-123"])).code).toBe(0);
    const last = await userCommand("deactivate", ["--email", "ROOT@example.com"]);
    expect(last.code).toBe(1);
    expect(last.stderr.trim()).toBe("user:deactivate: root@example.com is the only active admin: add another admin first.");
    expect(await signIn("root@example.com", "root-password-123")).toMatchObject({ kind: "signed-in" });

    expect((await userCommand("create", ["--email", "deputy@example.com", "--role", "admin"])).code).toBe(0);
    expect((await userCommand("deactivate", ["--email", "root@example.com"])).code).toBe(0);
    expect(await signIn("root@example.com", "root-password-123")).toEqual({ kind: "refused" });
  });
});

describe("people", () => {
  it("never leaves no active admin, and ends the sessions of someone whose access changes", async () => {
    const admin = await addPerson(database.db, { email: "admin@example.com", role: "ADMIN", password: "admin-password-123" });
    if (admin.kind !== "created") throw new Error(admin.kind);
    expect(await updatePerson(database.db, admin.id, { role: "VIEWER" })).toMatchObject({
      kind: "refused",
      message: expect.stringContaining("only active admin"),
    });
    expect(await updatePerson(database.db, admin.id, { active: false })).toMatchObject({ kind: "refused" });

    const second = await addPerson(database.db, { email: "second@example.com", role: "ADMIN" });
    if (second.kind !== "created") throw new Error(second.kind);
    // Two admins demoting each other at once: one of them stays admin.
    const both = await Promise.all([updatePerson(database.db, admin.id, { role: "MARKETER" }), updatePerson(database.db, second.id, { role: "MARKETER" })]);
    expect(both.map((r) => r.kind).sort()).toEqual(["done", "refused"]);
    expect(await database.db.user.count({ where: { role: "ADMIN", deactivatedAt: null } })).toBe(1);

    // Deactivation ends sessions (sessionVersion moves on); reactivation lets the person sign in again.
    const marketer = await addPerson(database.db, { email: "mo@example.com", role: "MARKETER", password: "mos-password-123" });
    if (marketer.kind !== "created") throw new Error(marketer.kind);
    const { sessionVersion: version } = await database.db.user.findUniqueOrThrow({ where: { id: marketer.id } });
    expect(await updatePerson(database.db, marketer.id, { active: false })).toMatchObject({ kind: "done", after: { active: false } });
    const deactivated = await database.db.user.findUniqueOrThrow({ where: { id: marketer.id } });
    expect(deactivated.sessionVersion).toBe(version + 1);
    expect(deactivated.deactivatedAt).toBeInstanceOf(Date);
    expect(await signIn("mo@example.com", "mos-password-123")).toEqual({ kind: "refused" });
    expect(await updatePerson(database.db, marketer.id, { active: true })).toMatchObject({ kind: "done", after: { active: true } });
    expect(await signIn("mo@example.com", "mos-password-123")).toMatchObject({ kind: "signed-in" });

    const before = await database.db.user.findUniqueOrThrow({ where: { id: second.id } });
    const reset = await resetPassword(database.db, second.id);
    const after = await database.db.user.findUniqueOrThrow({ where: { id: second.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await signIn("second@example.com", reset!.password)).toMatchObject({ kind: "signed-in" });
  });

  it("puts every sign-in and failed sign-in on record, never the password", async () => {
    await addPerson(database.db, { email: "dee@example.com", role: "MARKETER", password: "dees-password-123" });
    // The log is append-only: read only what this test adds.
    const { _max } = await database.db.auditEntry.aggregate({ _max: { id: true } });
    await signIn("dee@example.com", "dees-password-123");
    await signIn("dee@example.com", "a-wrong-guess-456");
    await signIn(" Ghost@Example.com", "whatever-789");
    const entries = await database.db.auditEntry.findMany({
      where: { id: { gt: _max.id ?? 0n } },
      orderBy: { id: "asc" },
      select: { action: true, actorEmail: true, detail: true },
    });
    expect(entries).toEqual([
      { action: "sign-in", actorEmail: "dee@example.com", detail: null },
      { action: "sign-in.failed", actorEmail: "dee@example.com", detail: { reason: "wrong password" } },
      // The email as typed, lower-cased, even when no account has it: who kept trying is on record.
      { action: "sign-in.failed", actorEmail: "ghost@example.com", detail: { reason: "no such account" } },
    ]);
    const text = JSON.stringify(entries);
    for (const password of ["dees-password-123", "a-wrong-guess-456", "whatever-789"]) expect(text).not.toContain(password);
  });
});
