import { describe, expect, it } from "vitest";
import { retryFailedSubmission } from "@/lib/outbox/retry";
import { acceptSubmission } from "@/lib/submission/accept";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, LOCATION_ID, makeDue, submitContact } from "../support/delivery";
import { contactForm } from "../../support/forms";

const h = deliveryHarness();

describe("a submission's way to LeadConnector", () => {
  it("commits the submission to the outbox as Pending before any upstream call", async () => {
    const id = await submitContact(h.database.db, { email: "  Grace@Example.COM " });
    const row = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PENDING", formId: "contact", locationId: LOCATION_ID, attemptCount: 0 });
    expect(row.fields).toEqual({ firstName: "Ada", lastName: "Lovelace", email: "grace@example.com", marketingConsent: false, smsConsent: false });
    expect(h.fake.requests).toHaveLength(0);
  });

  it("stores nothing when the input is invalid", async () => {
    const result = await acceptSubmission(h.database.db, { form: contactForm, input: { firstName: "Ada", email: "not-an-email" }, locationId: LOCATION_ID });
    expect(result).toEqual({ status: "invalid", errors: { email: ["Enter a valid email address, like name@example.com"] } });
    expect(await h.database.db.submission.count()).toBe(0);
  });

  it("sends exactly the documented request and marks the submission Delivered", async () => {
    const id = await submitContact(h.database.db, {
      email: "ada@example.com",
      phone: "(415) 555-2671",
      companyName: "Analytical Engines",
      marketingConsent: "on",
      smsConsent: "on",
    });
    const outcome = await dispatcherFor(h.database.db, h.fake).deliverNow(id);

    expect(outcome).toMatchObject({ kind: "delivered" });
    expect(h.fake.requests).toHaveLength(1);
    const [request] = h.fake.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/contacts/");
    expect(request.headers).toMatchObject({
      authorization: "Bearer pit-test-token",
      version: "2021-07-28",
      "content-type": "application/json",
    });
    expect(request.body).toEqual({
      locationId: LOCATION_ID,
      source: "public api",
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      phone: "+14155552671",
      companyName: "Analytical Engines",
      tags: ["website", "contact-form"],
      dndSettings: { Email: { status: "inactive" }, SMS: { status: "inactive" } },
    });

    const row = await h.database.db.submission.findUniqueOrThrow({ where: { id }, include: { attempts: true } });
    expect(row).toMatchObject({ status: "DELIVERED", contactId: h.fake.contacts[0].id, attemptCount: 1, lockedBy: null, lastError: null });
    expect(row.attempts).toHaveLength(1);
    expect(row.attempts[0]).toMatchObject({ action: "create", httpStatus: 201, outcome: "ok", error: null });
    expect(JSON.stringify(row.attempts[0].request)).not.toContain("pit-test-token");
  });

  it("retries a 503 later, with the attempt recorded, and delivers once the upstream recovers", async () => {
    h.fake.script({ status: 503, body: { statusCode: 503, message: "Service Unavailable" } });
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const id = await submitContact(h.database.db);

    await dispatcher.deliverNow(id);
    const waiting = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: "RETRYING", consecutiveFailures: 1, attemptCount: 1, lastError: "HTTP 503: Service Unavailable" });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(await dispatcher.runOnce()).toBe(0); // not due yet

    await makeDue(h.database.db, id);
    expect(await dispatcher.runOnce()).toBe(1);
    const delivered = await h.database.db.submission.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { startedAt: "asc" } } } });
    expect(delivered).toMatchObject({ status: "DELIVERED", consecutiveFailures: 0, attemptCount: 3, contactLink: "CREATED" });
    // A 5xx may hide a created contact, so the retry looks it up before creating.
    expect(delivered.attempts.map((a) => `${a.action} ${a.httpStatus}`)).toEqual(["create 503", "lookup 200", "create 201"]);
    expect(h.fake.contacts).toHaveLength(1);
  });

  it("retries network errors and timeouts", async () => {
    h.fake.script({ drop: true }, { status: 201, body: { contact: { id: "late" } }, delayMs: 1500 });
    const dispatcher = dispatcherFor(h.database.db, h.fake, { timeoutMs: 300 });
    const id = await submitContact(h.database.db);

    await dispatcher.deliverNow(id);
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "RETRYING",
      lastError: expect.stringMatching(/^Network error/),
    });

    await makeDue(h.database.db, id);
    await dispatcher.runOnce();
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "RETRYING",
      consecutiveFailures: 2,
      lastError: "No answer within 300 ms",
    });
  });

  it("waits out a 429 as the rate-limit headers say, without spending an attempt", async () => {
    h.fake.script({
      status: 429,
      body: { message: "Too many requests" },
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-interval-milliseconds": "10000" },
    });
    const before = Date.now();
    const id = await submitContact(h.database.db);
    await dispatcherFor(h.database.db, h.fake).deliverNow(id);

    const row = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "RETRYING", consecutiveFailures: 0, attemptCount: 1 });
    expect(row.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(10_000);
  });

  it("fails a 422 at once with the upstream's messages, and a marketer's retry delivers it", async () => {
    h.fake.script({
      status: 422,
      body: { statusCode: 422, message: ["property foo should not exist", "email must be an email"], error: "Unprocessable Entity" },
    });
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const id = await submitContact(h.database.db);

    await dispatcher.deliverNow(id);
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "FAILED",
      lastError: "HTTP 422: property foo should not exist; email must be an email",
    });
    expect(await dispatcher.runOnce()).toBe(0); // Failed is never retried automatically

    expect(await retryFailedSubmission(h.database.db, id)).toBe(true);
    expect(await retryFailedSubmission(h.database.db, id)).toBe(false); // a double click does not queue it twice
    expect(await dispatcher.runOnce()).toBe(1);
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DELIVERED", contactLink: "CREATED" });
    expect(h.fake.contacts).toHaveLength(1);
  });

  it("gives up after the maximum attempts and says why", async () => {
    h.fake.setStanding({ status: 502, body: { message: "Bad Gateway" } });
    const dispatcher = dispatcherFor(h.database.db, h.fake, { maxAttempts: 3 });
    const id = await submitContact(h.database.db);
    for (let i = 0; i < 3; i++) {
      await makeDue(h.database.db, id);
      await dispatcher.runOnce();
    }
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "FAILED",
      consecutiveFailures: 3,
      lastError: "Gave up after 3 failed attempts. Last: HTTP 502: Bad Gateway",
    });
  });
});

describe("claiming", () => {
  it("never lets a second worker take a leased submission until the lease expires", async () => {
    const id = await submitContact(h.database.db);
    const second = dispatcherFor(h.database.db, h.fake, { workerId: "worker-b" });
    // Worker A claims it and "crashes" before answering: the lease holds.
    await h.database.db.submission.update({ where: { id }, data: { lockedBy: "worker-a", lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await second.runOnce()).toBe(0);

    // Backdating the lease stands in for the time passing.
    await h.database.db.submission.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    expect(await second.runOnce()).toBe(1);
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DELIVERED", lockedBy: null });
    expect(h.fake.contacts).toHaveLength(1);
  });

  it("delivers each submission exactly once with several workers at the same time", async () => {
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await submitContact(h.database.db));
    const workers = ["w1", "w2", "w3"].map((workerId) => dispatcherFor(h.database.db, h.fake, { workerId }));
    const drain = async (worker: (typeof workers)[number]) => {
      while ((await worker.runOnce()) > 0);
    };
    await Promise.all(workers.map(drain));

    expect(h.fake.contacts).toHaveLength(30);
    expect(new Set(h.fake.requests.map((r) => (r.body as { email: string }).email)).size).toBe(30);
    expect(await h.database.db.submission.count({ where: { status: "DELIVERED" } })).toBe(30);
    expect(await h.database.db.deliveryAttempt.count()).toBe(30);
  });
});
