// Changing one's own password under the sign-in throttle: wrong current passwords are counted as failed sign-ins of
// the account, too many hold the change (even with the right password) with a readable message, and the hold ends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { changeOwnPassword, PASSWORD_CHANGE } from "@/lib/auth/password-change";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { FAILURES_BEFORE_HOLD, holdMessage } from "@/lib/auth/throttle";
import { housekeeping } from "@/lib/maintenance/housekeeping";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const OWNER = { email: "owner@example.com", password: "the right password" };
let userId: string;
beforeEach(async () => {
  await database.db.signInFailure.deleteMany();
  await database.db.user.deleteMany();
  userId = (await database.db.user.create({ data: { email: OWNER.email, passwordHash: await hashPassword(OWNER.password), role: "MARKETER" } })).id;
});

const noWait = async () => {};
const change = (currentPassword: string, newPassword = "a brand new password") =>
  changeOwnPassword(database.db, { userId, email: OWNER.email, currentPassword, newPassword }, noWait);
const backdate = (minutes: number) => database.db.$executeRaw`UPDATE "SignInFailure" SET at = at - ${minutes} * interval '1 minute'`;
const passwordIs = async (password: string) =>
  verifyPassword((await database.db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash, password);

describe("changing one's own password", () => {
  it(`is held after ${FAILURES_BEFORE_HOLD} wrong current passwords, even with the right one, and says until when`, async () => {
    for (let i = 0; i < FAILURES_BEFORE_HOLD; i++) expect((await change(`wrong ${i}`)).kind).toBe("wrong-password");
    const before = Date.now();

    const held = await change(OWNER.password);

    expect(held.kind).toBe("held");
    if (held.kind !== "held") return;
    expect(holdMessage(held.until, new Date(before))).toBe(`Too many attempts. Try again after ${held.until.toISOString().slice(11, 16)} UTC (in 15 minutes).`);
    expect(await passwordIs(OWNER.password)).toBe(true);
    // A refusal while held is not counted, so it does not prolong the hold.
    expect(await database.db.signInFailure.count({ where: { address: PASSWORD_CHANGE } })).toBe(FAILURES_BEFORE_HOLD);
  });

  it("works again once the hold is over, and the right password forgives the wrong ones before it", async () => {
    for (let i = 0; i < FAILURES_BEFORE_HOLD; i++) await change(`wrong ${i}`);
    await backdate(15);

    expect((await change(OWNER.password)).kind).toBe("changed");
    expect(await passwordIs("a brand new password")).toBe(true);
    expect(await database.db.signInFailure.count({ where: { address: PASSWORD_CHANGE } })).toBe(0);
  });

  it("does not hold after fewer failures, and a hold on the change does not hold the owner's sign-in", async () => {
    for (let i = 0; i < FAILURES_BEFORE_HOLD - 1; i++) await change(`wrong ${i}`);
    expect((await change("wrong again")).kind).toBe("wrong-password");
    expect((await change(OWNER.password)).kind).toBe("held");

    const signIn = await attemptSignIn(database.db, { email: OWNER.email, password: OWNER.password, address: "198.51.100.7" }, noWait);
    expect(signIn.kind).toBe("signed-in");
  });
});

describe("housekeeping", () => {
  it("deletes failed sign-ins too old to count, and keeps the recent ones", async () => {
    await change("wrong, long ago");
    await backdate(31);
    await change("wrong, just now");

    await housekeeping(database.db, { RETENTION_DAYS: 0, HELD_RETENTION_DAYS: 0 })();

    expect(await database.db.signInFailure.count()).toBe(1);
  });
});
