// The accept path's own screening: a post with a key is recorded, counted, judged and stored in one statement, with
// the verdicts screenSubmission gives (tests/integration/abuse.test.ts); a post without one is screened first.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PostScreening } from "@/lib/abuse/screen";
import { poolOf } from "@/lib/db/client";
import { acceptSubmission } from "@/lib/submission/accept";
import { contactForm } from "../../support/forms";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(async () => {
  await database.db.submission.deleteMany();
  await database.db.formPost.deleteMany();
});

let n = 0;
const screen = (overrides: Partial<PostScreening> = {}): PostScreening => ({
  formId: "contact",
  address: "203.0.113.9",
  limits: { minFillSeconds: 3, perAddress: 3, perForm: 0 },
  suspect: null,
  proven: false,
  canProve: false,
  ...overrides,
});
const post = (options: { screen?: PostScreening; key?: boolean; input?: Record<string, unknown> } = {}) => {
  const i = ++n;
  return acceptSubmission(database.db, {
    form: contactForm,
    input: options.input ?? { firstName: "Ada", lastName: "Screened", email: `screened${i}@example.com` },
    locationId: "loc",
    pageUrl: "http://localhost/",
    tokenNonce: `screened-nonce-${i}`,
    idempotencyKey: options.key === false ? null : `screened-${String(i).padStart(6, "0")}-0000000000`,
    screen: options.screen ?? screen(),
  });
};
const stored = () => database.db.submission.findMany({ select: { status: true, heldReason: true } });

describe("a post screened by the accept path", () => {
  it("is recorded, counted and stored in one statement when it carries a key", async () => {
    const pool = poolOf(database.db);
    const query = pool.query.bind(pool);
    let statements = 0;
    pool.query = ((...args: Parameters<typeof query>) => {
      statements += 1;
      return query(...args);
    }) as typeof pool.query;
    try {
      expect(await post()).toMatchObject({ status: "accepted", repeated: false });
    } finally {
      pool.query = query;
    }
    expect(statements).toBe(1);
    expect(await database.db.formPost.count()).toBe(1);
    expect(await stored()).toEqual([{ status: "PENDING", heldReason: null }]);
  });

  it.each([true, false])("over the address limit stores nothing but counts the post (key: %s)", async (key) => {
    for (let i = 0; i < 3; i++) expect(await post({ key })).toMatchObject({ status: "accepted" });
    expect(await post({ key })).toEqual({ status: "stopped", verdict: "rate_limited" });
    expect(await database.db.formPost.count()).toBe(4);
    expect(await database.db.submission.count()).toBe(3);
  });

  it.each([true, false])("stores a suspect as Held with its reason (key: %s)", async (key) => {
    expect(await post({ key, screen: screen({ suspect: "honeypot" }) })).toMatchObject({ status: "accepted", held: "honeypot" });
    expect(await stored()).toEqual([{ status: "HELD", heldReason: "honeypot" }]);
  });

  it("holds a flood without a proof of work, asks a browser that can solve one, and lets a proven one through", async () => {
    const flooded = { limits: { minFillSeconds: 3, perAddress: 0, perForm: 1 } };
    expect(await post({ screen: screen(flooded) })).toMatchObject({ status: "accepted" });
    expect(await post({ screen: screen(flooded) })).toMatchObject({ status: "accepted", held: "flood" });
    expect(await post({ screen: screen({ ...flooded, canProve: true }) })).toEqual({ status: "stopped", verdict: "challenge" });
    expect(await post({ screen: screen({ ...flooded, canProve: true, proven: true }) })).toMatchObject({ status: "accepted", repeated: false });
    expect((await stored()).map((s) => s.heldReason).sort()).toEqual(["flood", null, null]);
  });

  it("counts a post with invalid values too, and answers it with the limit before the field errors", async () => {
    const invalid = { firstName: "", email: "not an email" };
    for (let i = 0; i < 3; i++) expect(await post({ input: invalid })).toMatchObject({ status: "invalid" });
    expect(await post({ input: invalid })).toEqual({ status: "stopped", verdict: "rate_limited" });
    expect(await database.db.formPost.count()).toBe(4);
    expect(await database.db.submission.count()).toBe(0);
  });

  it("counts posts in an unlogged table: counters, not records, so a post writes no WAL for them", async () => {
    const { rows } = await poolOf(database.db).query<{ persistence: string }>(`SELECT relpersistence AS persistence FROM pg_class WHERE relname = 'FormPost'`);
    expect(rows).toEqual([{ persistence: "u" }]);
  });
});
