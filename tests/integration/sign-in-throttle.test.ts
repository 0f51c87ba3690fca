import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { delayFor, holdMessage } from "@/lib/auth/throttle";
import { hashPassword } from "@/lib/users/password";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const OWNER = { email: "owner@example.com", password: "the right password" };
beforeEach(async () => {
  await database.db.signInFailure.deleteMany();
  await database.db.user.deleteMany();
  await database.db.user.create({ data: { email: OWNER.email, passwordHash: await hashPassword(OWNER.password), role: "ADMIN" } });
});

/** Delays the throttle asked for, recorded instead of waited out. */
function recorder() {
  const delays: number[] = [];
  return { delays, wait: async (ms: number) => void delays.push(ms) };
}

const attempt = (password: string, address: string, wait = recorder().wait, email = OWNER.email) =>
  attemptSignIn(database.db, { email, password, address }, wait);

async function fail(times: number, address: string, email = OWNER.email) {
  for (let i = 0; i < times; i++) expect((await attempt("wrong", address, undefined, email)).kind).toBe("refused");
}

/** Moves every recorded failure back in time, standing in for minutes passing. */
const backdate = (minutes: number) => database.db.$executeRaw`UPDATE "SignInFailure" SET at = at - ${minutes} * interval '1 minute'`;

describe("sign-in throttling", () => {
  it("holds an address after 10 failures for that account, even with the right password, and says until when", async () => {
    await fail(10, "198.51.100.7");
    const before = Date.now();
    const held = await attempt(OWNER.password, "198.51.100.7");
    expect(held.kind).toBe("held");
    if (held.kind !== "held") return;
    const minutes = (held.until.getTime() - before) / 60_000;
    expect(minutes).toBeGreaterThan(14.9);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(holdMessage(held.until, new Date(before))).toBe(`Too many attempts. Try again after ${held.until.toISOString().slice(11, 16)} UTC (in 15 minutes).`);
    // A refusal while held is not counted, so it does not prolong the hold.
    expect(await database.db.signInFailure.count()).toBe(10);
  });

  it("does not hold after 9 failures: the right password still works and forgives that address", async () => {
    await fail(9, "198.51.100.7");
    const outcome = await attempt(OWNER.password, "198.51.100.7");
    expect(outcome.kind).toBe("signed-in");
    expect(await database.db.signInFailure.count({ where: { address: "198.51.100.7" } })).toBe(0);
  });

  it("never holds the owner's other address: a held account only makes other addresses wait longer", async () => {
    await fail(10, "198.51.100.7");
    const { delays, wait } = recorder();
    const outcome = await attempt(OWNER.password, "203.0.113.9", wait);
    expect(outcome.kind).toBe("signed-in");
    expect(delays).toEqual([delayFor(10)]);
    expect(delayFor(10)).toBeGreaterThan(0);
  });

  it("grows the delay with account-wide failures from many addresses, capped", async () => {
    for (let i = 0; i < 14; i++) await fail(1, `192.0.2.${i}`);
    const { delays, wait } = recorder();
    expect((await attempt("wrong", "192.0.2.200", wait)).kind).toBe("refused");
    expect(delays).toEqual([delayFor(14)]);
    expect(delayFor(14)).toBe(16 * delayFor(10));
    expect(delayFor(1000)).toBe(8_000);
    expect(delayFor(9)).toBe(0);
  });

  it("ends the hold after 15 minutes, and failures older than the window do not count", async () => {
    await fail(10, "198.51.100.7");
    await backdate(15);
    expect((await attempt(OWNER.password, "198.51.100.7")).kind).toBe("signed-in");

    await fail(5, "198.51.100.8");
    await backdate(16);
    await fail(5, "198.51.100.8");
    expect((await attempt(OWNER.password, "198.51.100.8")).kind).toBe("signed-in");
  });

  it("counts unknown emails the same way, so a hold says nothing about whether an account exists", async () => {
    await fail(10, "198.51.100.7", "nobody@example.com");
    expect((await attempt("anything", "198.51.100.7", undefined, "nobody@example.com")).kind).toBe("held");
  });

  it("holds at exactly 10 even when the attempts arrive at once", async () => {
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => attempt("wrong", "198.51.100.7")));
    const refused = outcomes.filter((o) => o.kind === "refused").length;
    expect(refused).toBeLessThanOrEqual(10);
    expect((await attempt(OWNER.password, "198.51.100.7")).kind).toBe("held");
  });

  it("refuses a deactivated user's right password", async () => {
    await database.db.user.update({ where: { email: OWNER.email }, data: { deactivatedAt: new Date() } });
    expect((await attempt(OWNER.password, "198.51.100.7")).kind).toBe("refused");
  });
});
