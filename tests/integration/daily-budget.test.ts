import { describe, expect, it } from "vitest";
import { metricsText } from "@/lib/observability/metrics";
import { createRateBudget } from "@/lib/outbox/rate-budget";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, LOCATION_ID, submitContact } from "../support/delivery";

const h = deliveryHarness();

/** Runs batches until one finds nothing to claim. */
async function drain(dispatcher: ReturnType<typeof dispatcherFor>) {
  while ((await dispatcher.runOnce()) > 0);
}

describe("LeadConnector's daily budget", () => {
  it("holds a location's submissions once its day is spent, spending no attempts, and resumes after the reset", async () => {
    const { db } = h.database;
    h.fake.setDailyLimit(4);
    const dispatcher = dispatcherFor(db, h.fake, { rateBudget: createRateBudget({ db, max: 100, intervalMs: 10_000 }) });
    // One delivery teaches the location's day (3 calls left); then a burst of five is claimed together.
    await dispatcher.deliverNow(await submitContact(db));
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await submitContact(db));

    await drain(dispatcher);
    expect(h.fake.contacts).toHaveLength(4);
    // Three calls were left and three were sent: none answered 429, however many runs were in flight together.
    expect(h.fake.requests).toHaveLength(4);
    expect(h.fake.requests.every((r) => r.status === 201)).toBe(true);
    const budget = await db.rateBudget.findUniqueOrThrow({ where: { locationId: LOCATION_ID } });
    expect(budget).toMatchObject({ dailyLimit: 4, dailyRemaining: 0 });
    expect(budget.dailyResetAt!.getTime()).toBeGreaterThan(Date.now());
    const waiting = await db.submission.findMany({ where: { status: { not: "DELIVERED" } } });
    expect(waiting).toHaveLength(2);
    for (const submission of waiting) expect(submission).toMatchObject({ status: "PENDING", attemptCount: 0, consecutiveFailures: 0, lockedBy: null });
    expect(await db.deliveryAttempt.count()).toBe(4);

    // Another pass while the day is still spent: nothing claimed, nothing sent.
    expect(await dispatcher.runOnce()).toBe(0);
    expect(h.fake.requests).toHaveLength(4);
    const scrape = (await metricsText(db)).body;
    expect(scrape).toContain(`leadrelay_leadconnector_daily_budget_spent{location="${LOCATION_ID}"} 1`);
    expect(scrape).toContain(`leadrelay_leadconnector_daily_remaining{location="${LOCATION_ID}"} 0`);
    expect(scrape).toContain(`leadrelay_leadconnector_daily_limit{location="${LOCATION_ID}"} 4`);

    // The day turns over upstream, and the stored reset time is moved into the past instead of slept through.
    h.fake.newDay();
    await db.rateBudget.update({ where: { locationId: LOCATION_ID }, data: { dailyResetAt: new Date(Date.now() - 1000) } });
    await drain(dispatcher);
    expect(h.fake.contacts).toHaveLength(6);
    expect(await db.submission.count({ where: { status: "DELIVERED" } })).toBe(6);
    for (const id of ids) expect((await db.submission.findUniqueOrThrow({ where: { id } })).attemptCount).toBe(1);
    expect((await metricsText(db)).body).toContain(`leadrelay_leadconnector_daily_budget_spent{location="${LOCATION_ID}"} 0`);
  });

  it("refuses a slot and skips the location's claims once another process spent the day", async () => {
    const { db } = h.database;
    h.fake.setDailyLimit(100);
    const budget = createRateBudget({ db, max: 100, intervalMs: 10_000 });
    const dispatcher = dispatcherFor(db, h.fake, { rateBudget: budget });
    await dispatcher.deliverNow(await submitContact(db)); // teaches the location's day: 99 left
    expect(await db.rateBudget.findUniqueOrThrow({ where: { locationId: LOCATION_ID } })).toMatchObject({ dailyRemaining: 99 });
    const id = await submitContact(db);
    await db.rateBudget.update({ where: { locationId: LOCATION_ID }, data: { dailyRemaining: 0 } });
    expect(await budget.reserve(LOCATION_ID)).toMatchObject({ kind: "later", reason: "Waiting for LeadConnector's daily limit to reset" });
    expect(await dispatcher.deliverNow(id)).toBeNull();
    expect(h.fake.requests).toHaveLength(1);
    expect(await db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING", attemptCount: 0 });
  });
});
