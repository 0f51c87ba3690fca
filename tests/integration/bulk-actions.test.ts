// Bulk retry, release and discard against real PostgreSQL: work goes in short batches in the list's order, and a row a
// dispatcher holds (its lease in the future), one another transaction has locked, or one that changed is skipped,
// counted and never waited for. A discarded row is never claimed for delivery.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyBulk, BULK_BATCH } from "@/lib/outbox/bulk";
import { dispatcherFor, LOCATION_ID } from "../support/delivery";
import { deliveryHarness } from "../support/harness";

const h = deliveryHarness();

/** `count` submissions of the contact form in one status, a second apart; returns their ids, newest first. */
async function seed(count: number, status: string): Promise<string[]> {
  const rows = await h.database.db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Submission" (id, "formId", "locationId", fields, status, "attemptCount", "consecutiveFailures", "createdAt", "updatedAt", "nextAttemptAt")
    SELECT gen_random_uuid(), 'contact', ${LOCATION_ID}, jsonb_build_object('firstName', 'Lead' || g, 'email', 'bulk' || g || '@example.com'),
      ${status}::"SubmissionStatus", 5, 5, timestamptz '2026-03-01T00:00:00Z' + g * interval '1 second', now(), now() + interval '1 day'
    FROM generate_series(1, ${count}::int) g
    RETURNING id, "createdAt"`;
  return rows.map((r) => r.id).reverse();
}

const lease = (id: string) =>
  h.database.db.$executeRaw`UPDATE "Submission" SET "lockedUntil" = now() + interval '1 minute', "lockedBy" = 'worker-x' WHERE id = ${id}::uuid`;

/** Holds a row lock in another connection, as a dispatcher's claim or another bulk action would, until released. */
async function lockInAnotherTransaction(id: string) {
  const client = new pg.Client({ connectionString: h.database.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`SELECT id FROM "Submission" WHERE id = $1 FOR UPDATE`, [id]);
  return async () => {
    await client.query("ROLLBACK");
    await client.end();
  };
}

const statusCounts = async () =>
  Object.fromEntries((await h.database.db.submission.groupBy({ by: ["status"], _count: { _all: true } })).map((g) => [g.status, g._count._all]));

describe("bulk actions", () => {
  it("retries all matching Failed rows in batches, skipping and counting a leased row and a locked one without waiting", async () => {
    const ids = await seed(1203, "FAILED");
    await lease(ids[10]);
    const unlock = await lockInAnotherTransaction(ids[700]);
    try {
      // One call's worth first: it stops after a batch and says where to go on.
      const first = await applyBulk(h.database.db, "retry", { filter: { status: "FAILED" } }, { maxRows: BULK_BATCH });
      expect(first).toMatchObject({ changed: BULK_BATCH - 1, skipped: 1 });
      expect(first.next).not.toBeNull();
      const rest = await applyBulk(h.database.db, "retry", { filter: { status: "FAILED" } }, { after: first.next });
      expect(rest).toEqual({ changed: 1203 - BULK_BATCH - 1, skipped: 1, next: null });
    } finally {
      await unlock();
    }
    expect(await statusCounts()).toEqual({ PENDING: 1201, FAILED: 2 });
    const retried = await h.database.db.submission.findUnique({ where: { id: ids[0] } });
    expect(retried).toMatchObject({ status: "PENDING", consecutiveFailures: 0, lockedUntil: null });
    expect(retried!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The leased row is still the dispatcher's, untouched.
    expect(await h.database.db.submission.findUnique({ where: { id: ids[10] }, select: { status: true, lockedBy: true } })).toEqual({
      status: "FAILED",
      lockedBy: "worker-x",
    });
  });

  it("discards ticked rows with the reason, counting as skipped one that was delivered meanwhile and one being delivered", async () => {
    const pending = await seed(3, "PENDING");
    const [delivered] = await seed(1, "DELIVERED");
    await lease(pending[2]);
    const result = await applyBulk(h.database.db, "discard", { ids: [...pending, delivered] }, { reason: "Duplicate of an earlier lead" });
    expect(result).toEqual({ changed: 2, skipped: 2, next: null });
    expect(
      await h.database.db.submission.findMany({ where: { status: "DISCARDED" }, select: { id: true, discardReason: true }, orderBy: { id: "asc" } }),
    ).toEqual(
      pending
        .slice(0, 2)
        .sort()
        .map((id) => ({ id, discardReason: "Duplicate of an earlier lead" })),
    );
  });

  it("never delivers a discarded row: the dispatcher claims only Pending and Retrying ones", async () => {
    await seed(2, "PENDING");
    await h.database.db.submission.updateMany({ data: { nextAttemptAt: new Date(0) } });
    expect((await applyBulk(h.database.db, "discard", { filter: { status: "PENDING" } }, { reason: "Test leads" })).changed).toBe(2);
    expect(await dispatcherFor(h.database.db, h.fake).runOnce()).toBe(0);
    expect(h.fake.contacts).toHaveLength(0);
  });

  it("refuses a discard without a reason", async () => {
    await expect(applyBulk(h.database.db, "discard", { filter: {} }, { reason: " " })).rejects.toThrow("a discard needs a reason");
  });
});
