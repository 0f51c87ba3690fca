import { describe, expect, it } from "vitest";
import { startDispatchLoop } from "@/lib/outbox/loop";
import { createRateBudget } from "@/lib/outbox/rate-budget";
import { drainFor, isDispatchAuthorized } from "@/lib/outbox/scheduled";
import { formatOutboxStats, outboxStats } from "@/lib/outbox/stats";
import { acceptSubmission } from "@/lib/submission/accept";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, LOCATION_ID, submitContact } from "../support/delivery";
import { waitFor } from "../support/wait";
import { contactForm } from "../../support/forms";

const h = deliveryHarness();

const submission = (id: string) => h.database.db.submission.findUniqueOrThrow({ where: { id } });

describe("leases", () => {
  it("renews the lease while a call is slower than the lease, so no second worker takes the row", async () => {
    h.fake.script({ createThenDelayMs: 1500 });
    const id = await submitContact(h.database.db);
    const slow = dispatcherFor(h.database.db, h.fake, { workerId: "slow", leaseMs: 600 });
    const other = dispatcherFor(h.database.db, h.fake, { workerId: "other", leaseMs: 600 });
    let finished = false;
    const running = slow.deliverNow(id).finally(() => (finished = true));
    await waitFor(() => h.fake.requests.length === 1);
    const claimed = (await submission(id)).lockedUntil!.getTime();
    await waitFor(async () => ((await submission(id)).lockedUntil?.getTime() ?? 0) > claimed, { what: "a renewed lease" });
    // Until the slow call is answered (2.5 leases), every other claim finds nothing.
    while (!finished) expect(await other.runOnce()).toBe(0);
    expect(await running).toMatchObject({ kind: "delivered" });
    expect(h.fake.contacts).toHaveLength(1);
    expect(await submission(id)).toMatchObject({ status: "DELIVERED", lockedBy: null });
  });

  it("looks the contact up first when it takes over a lease a worker left behind mid-call", async () => {
    const id = await submitContact(h.database.db);
    const { email } = (await submission(id)).fields as { email: string };
    // A worker claimed it, its create landed upstream, and it died before writing anything: lease backdated, not slept through.
    await h.database.db.submission.update({ where: { id }, data: { lockedBy: "crashed", lockedUntil: new Date(Date.now() - 1) } });
    const created = await fetch(`${h.fake.url}/contacts/`, {
      method: "POST",
      headers: { authorization: "Bearer pit-test-token", version: "2021-07-28", "content-type": "application/json" },
      body: JSON.stringify({ locationId: LOCATION_ID, email }),
    });
    expect(created.status).toBe(201);

    expect(await dispatcherFor(h.database.db, h.fake, { workerId: "successor" }).runOnce()).toBe(1);
    expect(h.fake.contacts).toHaveLength(1);
    expect(await submission(id)).toMatchObject({ status: "DELIVERED", contactLink: "FOUND", contactId: h.fake.contacts[0].id, lockedBy: null });
  });
});

describe("the shared rate budget", () => {
  it("paces several dispatchers under the upstream's limit, with no 429", async () => {
    // A 2 s window: the 5% headroom is then 100 ms, more than this machine's jitter between a slot and its call.
    h.fake.setRateLimit({ max: 10, intervalMs: 2000 });
    const budget = () => createRateBudget({ db: h.database.db, max: 10, intervalMs: 2000 });
    for (let i = 0; i < 25; i++) await submitContact(h.database.db);
    const workers = ["a", "b", "c"].map((workerId) => dispatcherFor(h.database.db, h.fake, { workerId, rateBudget: budget() }));
    const drain = async (worker: (typeof workers)[number]) => {
      while ((await h.database.db.submission.count({ where: { status: { not: "DELIVERED" } } })) > 0) {
        if ((await worker.runOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await Promise.all(workers.map(drain));

    expect(h.fake.contacts).toHaveLength(25);
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
    const times = h.fake.requests.map((r) => r.receivedAt);
    for (let i = 10; i < times.length; i++) expect(times[i] - times[i - 10]).toBeGreaterThanOrEqual(2000);
    // 25 calls at 5 per second: paced, yet at least 90% of the allowed rate.
    expect(times.at(-1)! - times[0]).toBeLessThan((((25 - 1) / 5) * 1000) / 0.9);
  });

  it("adopts the limit LeadConnector states in its X-RateLimit-* headers", async () => {
    h.fake.setRateLimit({ max: 10, intervalMs: 1000 });
    const dispatcher = dispatcherFor(h.database.db, h.fake, { rateBudget: createRateBudget({ db: h.database.db, max: 100, intervalMs: 10_000 }) });
    await dispatcher.deliverNow(await submitContact(h.database.db));
    expect(await h.database.db.rateBudget.findUniqueOrThrow({ where: { locationId: LOCATION_ID } })).toMatchObject({ max: 10, intervalMs: 1000 });
  });

  it("defers a submission without an attempt when no slot is free soon", async () => {
    const budget = createRateBudget({ db: h.database.db, max: 1, intervalMs: 60_000, maxWaitMs: 100 });
    const dispatcher = dispatcherFor(h.database.db, h.fake, { rateBudget: budget });
    const first = await submitContact(h.database.db);
    const second = await submitContact(h.database.db);
    expect(await dispatcher.deliverNow(first)).toMatchObject({ kind: "delivered" });
    expect(await dispatcher.deliverNow(second)).toMatchObject({ kind: "deferred" });
    const row = await submission(second);
    expect(row).toMatchObject({ status: "PENDING", attemptCount: 0, consecutiveFailures: 0, lockedBy: null });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(h.fake.requests).toHaveLength(1);
  });
});

describe("stopping", () => {
  it("puts back runs waiting for a slot and lets a call in flight finish", async () => {
    h.fake.script({ status: 201, body: { contact: { id: "slow-1" } }, delayMs: 400 });
    const budget = createRateBudget({ db: h.database.db, max: 1, intervalMs: 3000 });
    const dispatcher = dispatcherFor(h.database.db, h.fake, { rateBudget: budget });
    const ids = [await submitContact(h.database.db), await submitContact(h.database.db)];
    const loop = startDispatchLoop(dispatcher);
    await waitFor(() => h.fake.requests.length === 1);

    expect(await dispatcher.stop(5000)).toBe(0);
    await loop.stop();
    // Both runs reserve a slot at once: whichever won the first slot is the call in flight.
    const sent = (h.fake.requests[0].body as { email: string }).email;
    const rows = await Promise.all(ids.map(submission));
    const inFlight = rows.find((row) => (row.fields as { email: string }).email === sent);
    const waiting = rows.find((row) => row !== inFlight);
    expect(inFlight).toMatchObject({ status: "DELIVERED", lockedBy: null });
    expect(waiting).toMatchObject({ status: "PENDING", attemptCount: 0, lockedBy: null });
    expect(h.fake.requests).toHaveLength(1);
    expect(await dispatcher.runOnce()).toBe(0); // claims nothing once stopped
  });
});

describe("scheduled dispatch", () => {
  it("accepts only the bearer secret", () => {
    const secret = "s".repeat(40);
    expect(isDispatchAuthorized(`Bearer ${secret}`, secret)).toBe(true);
    expect(isDispatchAuthorized(`Bearer ${secret}x`, secret)).toBe(false);
    expect(isDispatchAuthorized(secret, secret)).toBe(false);
    expect(isDispatchAuthorized(`Bearer ${secret}`, undefined)).toBe(false);
  });

  it("drains what is due within its budget", async () => {
    for (let i = 0; i < 12; i++) await submitContact(h.database.db);
    expect(await drainFor(dispatcherFor(h.database.db, h.fake), 10_000)).toEqual({ handled: 12, more: false });
    expect(h.fake.contacts).toHaveLength(12);
  });
});

describe("repeated posts", () => {
  const input = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" };
  const post = (extra: { idempotencyKey?: string | null; pageUrl?: string; now?: Date; email?: string } = {}) =>
    acceptSubmission(h.database.db, {
      form: contactForm,
      input: { ...input, email: extra.email ?? input.email },
      locationId: LOCATION_ID,
      pageUrl: extra.pageUrl ?? "http://localhost/",
      idempotencyKey: extra.idempotencyKey,
      now: extra.now,
    });

  it("yields one submission for concurrent posts of the same key (a double click)", async () => {
    const results = await Promise.all([1, 2, 3].map(() => post({ idempotencyKey: "0b8f6a34-0b5c-4f0e-9a1e-3f4f5d1c2b7a" })));
    const ids = new Set(results.map((r) => (r.status === "accepted" ? r.submissionId : null)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === "accepted" && !r.repeated)).toHaveLength(1);
    expect(await h.database.db.submission.count()).toBe(1);
  });

  it("recognises a repeat without a key (no JavaScript) by its values, within the window only", async () => {
    const first = await post();
    const again = await post();
    expect(again).toEqual({ status: "accepted", submissionId: (first as { submissionId: string }).submissionId, repeated: true });
    expect(await post({ email: "other@example.com" })).toMatchObject({ repeated: false });
    expect(await post({ pageUrl: "http://localhost/other" })).toMatchObject({ repeated: false });
    expect(await post({ now: new Date(Date.now() + 11 * 60_000) })).toMatchObject({ repeated: false });
    expect(await h.database.db.submission.count()).toBe(4);
  });
});

describe("outbox stats", () => {
  it("reports depth by status, the oldest due submission's age and paused locations", async () => {
    const due = await submitContact(h.database.db);
    await h.database.db.submission.update({ where: { id: due }, data: { nextAttemptAt: new Date(Date.now() - 90_000) } });
    await submitContact(h.database.db);
    await h.database.db.location.create({ data: { id: "loc_paused", name: "Paused", pausedAt: new Date(), pauseReason: "HTTP 401: Invalid JWT" } });

    const stats = await outboxStats(h.database.db);
    expect(stats.outbox).toEqual({ PENDING: 2, RETRYING: 0, DELIVERED: 0, FAILED: 0, HELD: 0, DISCARDED: 0 });
    expect(stats.oldestDueAgeSeconds).toBeGreaterThanOrEqual(90);
    expect(stats.pausedLocations).toMatchObject([{ id: "loc_paused", reason: "HTTP 401: Invalid JWT" }]);
    expect(formatOutboxStats(stats)).toContain("loc_paused (Paused)");
  });
});
