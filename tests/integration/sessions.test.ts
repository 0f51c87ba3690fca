import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimsOf, validateSession, type SessionClaims } from "@/lib/auth/session";
import { changePassword, deactivateUser, deleteUser, endSessions } from "@/lib/users/account";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const HOUR = 60 * 60 * 1000;
let claims: SessionClaims;
beforeEach(async () => {
  await database.db.user.deleteMany();
  const user = await database.db.user.create({
    data: { email: "marketer@example.com", passwordHash: await hashPassword("old password 123"), role: "MARKETER" },
  });
  claims = { userId: user.id, sessionVersion: user.sessionVersion, signedInAt: Date.now() };
});

const check = (session: SessionClaims | null = claims, now = Date.now()) => validateSession(database.db, session, { maxHours: 12, now });

describe("sessions", () => {
  it("speak for the user with the role from the database, not the cookie", async () => {
    expect(await check()).toEqual({ id: claims.userId, email: "marketer@example.com", role: "MARKETER" });
    await database.db.user.update({ where: { id: claims.userId }, data: { role: "ADMIN" } });
    expect((await check())?.role).toBe("ADMIN");
  });

  it("end at sign-out for every copy of the token", async () => {
    await endSessions(database.db, claims.userId);
    expect(await check()).toBeNull();
  });

  it("end when the password changes, and only after the current password is given", async () => {
    expect(await changePassword(database.db, { userId: claims.userId, currentPassword: "wrong", newPassword: "a new password 456" })).toEqual({
      kind: "wrong-password",
    });
    expect(await changePassword(database.db, { userId: claims.userId, currentPassword: "old password 123", newPassword: "short" })).toEqual({
      kind: "too-short",
    });
    expect(await check()).not.toBeNull();
    expect(await changePassword(database.db, { userId: claims.userId, currentPassword: "old password 123", newPassword: "a new password 456" })).toEqual({
      kind: "changed",
    });
    expect(await check()).toBeNull();
    const { passwordHash } = await database.db.user.findUniqueOrThrow({ where: { id: claims.userId }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "a new password 456")).toBe(true);
  });

  it("end when the user is deactivated, and a deactivated user's fresh token is refused too", async () => {
    expect(await deactivateUser(database.db, claims.userId)).toBe(true);
    expect(await check()).toBeNull();
    const { sessionVersion } = await database.db.user.findUniqueOrThrow({ where: { id: claims.userId } });
    expect(await check({ ...claims, sessionVersion })).toBeNull();
  });

  it("end when the user is deleted", async () => {
    expect(await deleteUser(database.db, claims.userId)).toBe(true);
    expect(await check()).toBeNull();
  });

  it("end after SESSION_MAX_HOURS from sign-in, however recently used", async () => {
    const signedInAt = claims.signedInAt;
    expect(await check(claims, signedInAt + 12 * HOUR - 1000)).not.toBeNull();
    expect(await check(claims, signedInAt + 12 * HOUR)).toBeNull();
  });

  it("are refused when the token lacks a version or sign-in time (tokens from before this change)", async () => {
    expect(claimsOf({ id: claims.userId, email: "marketer@example.com", role: "ADMIN" })).toBeNull();
    expect(claimsOf({ id: "not-a-uuid", sessionVersion: 0, signedInAt: Date.now() })).toBeNull();
    expect(claimsOf({ id: claims.userId, sessionVersion: 0, signedInAt: claims.signedInAt })).toEqual(claims);
    expect(await check(null)).toBeNull();
  });
});
