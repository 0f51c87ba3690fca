// Single-use form tokens and Held submissions: what a suspect, a flood or a replayed token leaves in the outbox.
import { describe, expect, it } from "vitest";
import { applyBulk } from "@/lib/outbox/bulk";
import { acceptSubmission } from "@/lib/submission/accept";
import { dispatcherFor, LOCATION_ID } from "../support/delivery";
import { deliveryHarness } from "../support/harness";
import { contactForm } from "../../support/forms";

const h = deliveryHarness();

let n = 0;
const post = (extra: { email?: string; tokenNonce?: string; idempotencyKey?: string | null; held?: "honeypot" | "too_fast" | "flood" } = {}) =>
  acceptSubmission(h.database.db, {
    form: contactForm,
    input: { firstName: "Ada", lastName: "Lovelace", email: extra.email ?? `ada${++n}@example.com` },
    locationId: LOCATION_ID,
    pageUrl: "http://localhost/",
    tokenNonce: extra.tokenNonce ?? `nonce-${++n}`,
    idempotencyKey: extra.idempotencyKey,
    held: extra.held,
  });

describe("a form token carries one submission", () => {
  it("finds the first submission for a repeat of the same post, with a key (JavaScript) or without (same values)", async () => {
    const keyed = await post({ tokenNonce: "t1", idempotencyKey: "0b8f6a34-0b5c-4f0e-9a1e-3f4f5d1c2b7a", email: "one@example.com" });
    expect(await post({ tokenNonce: "t1", idempotencyKey: "0b8f6a34-0b5c-4f0e-9a1e-3f4f5d1c2b7a", email: "one@example.com" })).toEqual({
      ...keyed,
      repeated: true,
    });
    const plain = await post({ tokenNonce: "t2", email: "two@example.com" });
    expect(await post({ tokenNonce: "t2", email: "two@example.com" })).toEqual({ ...plain, repeated: true });
    expect(await h.database.db.submission.count()).toBe(2);
  });

  it("stores nothing when a spent token comes back with other values, with or without a key", async () => {
    await post({ tokenNonce: "t3", idempotencyKey: "1b8f6a34-0b5c-4f0e-9a1e-3f4f5d1c2b7a" });
    expect(await post({ tokenNonce: "t3", idempotencyKey: "2b8f6a34-0b5c-4f0e-9a1e-3f4f5d1c2b7a" })).toEqual({ status: "spent" });
    await post({ tokenNonce: "t4" });
    expect(await post({ tokenNonce: "t4" })).toEqual({ status: "spent" });
    expect(await h.database.db.submission.count()).toBe(2);
  });

  it("lets one of many concurrent posts with one token through, whatever their values", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post({ tokenNonce: "t5", idempotencyKey: `${i}b8f6a34-0b5c-4f0e-9a1e-3f4f5d1c2b7a` })),
    );
    expect(results.filter((r) => r.status === "accepted")).toHaveLength(1);
    expect(await h.database.db.submission.count()).toBe(1);
  });
});

describe("Held submissions", () => {
  it("are stored with their reason and never claimed for delivery", async () => {
    const result = await post({ held: "honeypot" });
    const id = result.status === "accepted" ? result.submissionId : "";
    expect(await h.database.db.submission.findUnique({ where: { id }, select: { status: true, heldReason: true } })).toEqual({
      status: "HELD",
      heldReason: "honeypot",
    });
    expect(await dispatcherFor(h.database.db, h.fake).runOnce()).toBe(0);
    expect(h.fake.contacts).toHaveLength(0);
  });

  it("are delivered as usual once released: listed ones, or all matching a filter", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(((await post({ held: "flood" })) as { submissionId: string }).submissionId);
    await post({ held: "honeypot" });
    expect((await applyBulk(h.database.db, "release", { ids: [ids[0]] })).changed).toBe(1);
    expect((await applyBulk(h.database.db, "release", { filter: { heldReason: "flood" } })).changed).toBe(2);
    expect(await dispatcherFor(h.database.db, h.fake).runOnce()).toBe(3);
    expect(h.fake.contacts).toHaveLength(3);
    expect(await h.database.db.submission.count({ where: { status: "HELD", heldReason: "honeypot" } })).toBe(1);
  });

  it("are kept for the record when discarded, with the reason, and never delivered", async () => {
    for (let i = 0; i < 3; i++) await post({ held: "too_fast" });
    expect((await applyBulk(h.database.db, "discard", { filter: { formId: "contact" } }, { reason: "Spam: gibberish names" })).changed).toBe(3);
    expect(await h.database.db.submission.groupBy({ by: ["status", "discardReason"], _count: { _all: true } })).toEqual([
      { status: "DISCARDED", discardReason: "Spam: gibberish names", _count: { _all: 3 } },
    ]);
    expect((await applyBulk(h.database.db, "release", { filter: {} })).changed).toBe(0);
    expect(await dispatcherFor(h.database.db, h.fake).runOnce()).toBe(0);
  });
});
