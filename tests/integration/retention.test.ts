// Retention against a real PostgreSQL: rows of every status on both sides of each cut-off, the attempts that go
// with them, two processes asking for the job at once, and a row a dispatcher holds.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/lib/db/client";
import { takeJobLease } from "@/lib/maintenance/job-lease";
import { latestRetentionRun, RETENTION_ACTION, runRetention, scrubExpired } from "@/lib/maintenance/retention";
import { acceptSubmission } from "@/lib/submission/accept";
import { contactForm } from "../../support/forms";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { LOCATION_ID } from "../support/delivery";

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.drop());
afterEach(async () => {
  await db.deliveryAttempt.deleteMany();
  await db.submission.deleteMany();
  await db.jobLease.deleteMany();
});

const SETTINGS = { RETENTION_DAYS: 90, HELD_RETENTION_DAYS: 30 };
type Status = "PENDING" | "RETRYING" | "DELIVERED" | "FAILED" | "HELD" | "DISCARDED";

let counter = 0;
/** A submission as a visitor sends it (consent, attribution, fingerprint, key), put in `status` `ageDays` ago, with two attempts. */
async function row(status: Status, ageDays: number) {
  counter += 1;
  const email = `retention-${counter}@example.com`;
  const result = await acceptSubmission(db, {
    form: contactForm,
    input: { firstName: "Ada", lastName: `Lovelace ${counter}`, email, phone: "201 555 0123", marketingConsent: "on" },
    locationId: LOCATION_ID,
    pageUrl: `https://site.example/?utm_source=news&email=${email}`,
    referrer: "https://search.example/?q=ada+lovelace",
    idempotencyKey: `key-${counter}-0000000000`,
    tokenNonce: randomUUID(),
    visitorTimezone: "Europe/London",
  });
  if (result.status !== "accepted") throw new Error(JSON.stringify(result));
  const id = result.submissionId;
  const at = `${ageDays} days`;
  await db.$executeRaw`
    UPDATE "Submission" SET status = ${status}::"SubmissionStatus", "createdAt" = now() - ${at}::interval, "updatedAt" = now() - ${at}::interval,
      "deliveredAt" = CASE WHEN ${status} = 'DELIVERED' THEN now() - ${at}::interval END,
      "lastError" = CASE WHEN ${status} <> 'DELIVERED' THEN ${`HTTP 422: email ${email} is invalid`} END,
      "heldReason" = CASE WHEN ${status} = 'HELD' THEN 'honeypot'::"HeldReason" END
    WHERE id = ${id}::uuid`;
  await db.deliveryAttempt.createMany({
    data: [
      {
        submissionId: id,
        durationMs: 5,
        workerId: "w",
        action: "lookup",
        request: { method: "GET", url: `https://lc.example/contacts/search/duplicate?locationId=loc&email=${encodeURIComponent(email)}` },
        httpStatus: 200,
        outcome: "ok",
        responseExcerpt: `{"contact":{"email":"${email}"}}`,
      },
      {
        submissionId: id,
        durationMs: 5,
        workerId: "w",
        request: { method: "POST", url: "https://lc.example/contacts/", body: { email, phone: "+12015550123" } },
        httpStatus: 422,
        outcome: "rejected",
        responseExcerpt: `{"message":["email ${email} is invalid"]}`,
        error: `HTTP 422: email ${email} is invalid`,
      },
    ],
  });
  return { id, email };
}

const snapshot = (id: string) => db.submission.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { action: "asc" } } } });

/** Rows of every status, each just past and just short of its cut-off (Held's is HELD_RETENTION_DAYS, the rest RETENTION_DAYS). */
async function everyStatusAroundTheCutOffs() {
  const rows: { status: Status; ageDays: number; id: string; email: string; due: boolean }[] = [];
  for (const status of ["PENDING", "RETRYING", "DELIVERED", "FAILED", "HELD", "DISCARDED"] as const) {
    const cutOff = status === "HELD" ? 30 : 90;
    for (const ageDays of [cutOff - 1, cutOff + 1, 400]) {
      const due = ["DELIVERED", "DISCARDED", "HELD"].includes(status) && ageDays > cutOff;
      rows.push({ status, ageDays, due, ...(await row(status, ageDays)) });
    }
  }
  return rows;
}

describe("retention", () => {
  it("scrubs exactly the Delivered and Discarded rows past RETENTION_DAYS and the Held past HELD_RETENTION_DAYS, with their attempts", async () => {
    const rows = await everyStatusAroundTheCutOffs();
    const before = new Map(await Promise.all(rows.map(async (r) => [r.id, await snapshot(r.id)] as const)));

    const run = await scrubExpired(db, SETTINGS, { batchSize: 2 }); // several batches
    const due = rows.filter((r) => r.due);
    expect(due.map((r) => `${r.status} ${r.ageDays}`)).toEqual(["DELIVERED 91", "DELIVERED 400", "HELD 31", "HELD 400", "DISCARDED 91", "DISCARDED 400"]);
    expect(run).toEqual({ submissions: due.length, attempts: due.length * 2 });

    for (const r of rows) {
      const after = await snapshot(r.id);
      if (!r.due) {
        expect(after, `${r.status} ${r.ageDays} days old is kept whole`).toEqual(before.get(r.id));
        continue;
      }
      const was = before.get(r.id)!;
      expect(after, `${r.status} ${r.ageDays}`).toMatchObject({
        fields: {},
        pageUrl: null,
        consent: null,
        fingerprint: null,
        idempotencyKey: null,
        visitorTimezone: null,
        searchText: null,
        attribution: { utm: { utm_source: "news" } },
        lastError: r.status === "DELIVERED" ? null : "HTTP 422: [removed]",
        scrubbedAt: expect.any(Date),
        // The record stays: what it was, when, where it went.
        id: was.id,
        formId: was.formId,
        createdAt: was.createdAt,
        contactId: was.contactId,
        status: r.status === "HELD" ? "DISCARDED" : r.status,
      });
      expect(after.attribution).not.toHaveProperty("landingUrl");
      expect(after.attribution).not.toHaveProperty("referrer");
      if (r.status === "HELD") expect(after.discardReason).toBe("Held for more than 30 days without a decision");
      expect(after.attempts.map((a) => ({ request: a.request, responseExcerpt: a.responseExcerpt, error: a.error, httpStatus: a.httpStatus }))).toEqual([
        { request: { method: "POST", url: "https://lc.example/contacts/" }, responseExcerpt: null, error: "HTTP 422: [removed]", httpStatus: 422 },
        { request: { method: "GET", url: "https://lc.example/contacts/search/duplicate" }, responseExcerpt: null, error: null, httpStatus: 200 },
      ]);
      expect(JSON.stringify(after)).not.toContain(r.email);
      expect(JSON.stringify(after)).not.toContain("2015550123");
    }

    // A second pass finds nothing left to do.
    expect(await scrubExpired(db, SETTINGS)).toEqual({ submissions: 0, attempts: 0 });
  });

  it("counts a Delivered row's age from its delivery, not its arrival", async () => {
    const late = await row("DELIVERED", 200);
    await db.$executeRaw`UPDATE "Submission" SET "deliveredAt" = now() - interval '10 days' WHERE id = ${late.id}::uuid`;
    expect(await scrubExpired(db, SETTINGS)).toEqual({ submissions: 0, attempts: 0 });
  });

  it("keeps everything when RETENTION_DAYS=0, and Held rows too when HELD_RETENTION_DAYS=0", async () => {
    const rows = await everyStatusAroundTheCutOffs();
    expect(await scrubExpired(db, { RETENTION_DAYS: 0, HELD_RETENTION_DAYS: 0 })).toEqual({ submissions: 0, attempts: 0 });
    // Each setting governs its own rows: RETENTION_DAYS=0 alone still lets Held ones go after HELD_RETENTION_DAYS.
    expect(await scrubExpired(db, { RETENTION_DAYS: 0, HELD_RETENTION_DAYS: 30 })).toEqual({ submissions: 2, attempts: 4 });
    const scrubbed = await db.submission.findMany({ where: { scrubbedAt: { not: null } }, select: { id: true } });
    expect(scrubbed.map((s) => s.id).sort()).toEqual(
      rows
        .filter((r) => r.status === "HELD" && r.due)
        .map((r) => r.id)
        .sort(),
    );
  });

  it("skips a row another transaction holds instead of waiting for it", async () => {
    const held = await row("DELIVERED", 100);
    const free = await row("DELIVERED", 100);
    const other = createDatabase(database.url);
    try {
      await other.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Submission" WHERE id = ${held.id}::uuid FOR UPDATE`;
        // Inside the lock: the run must finish now, not when the lock goes.
        expect(await scrubExpired(db, SETTINGS)).toEqual({ submissions: 1, attempts: 2 });
      });
    } finally {
      await other.$disconnect();
    }
    expect((await snapshot(held.id)).scrubbedAt).toBeNull();
    expect((await snapshot(free.id)).scrubbedAt).not.toBeNull();
  });

  it("runs in one process at a time, records each run in the audit log, and waits its interval before the next", async () => {
    await row("DELIVERED", 100);
    await row("DISCARDED", 100);
    const since = new Date();
    // Two processes, each with its own pool, ask at the same moment.
    const [first, second] = [createDatabase(database.url), createDatabase(database.url)];
    try {
      const runs = await Promise.all([runRetention(first, SETTINGS, { holder: "process-a" }), runRetention(second, SETTINGS, { holder: "process-b" })]);
      expect(runs.filter((r) => r !== null)).toEqual([{ submissions: 2, attempts: 4, durationMs: expect.any(Number) }]);
      const entries = await db.auditEntry.findMany({ where: { action: RETENTION_ACTION, at: { gte: since } } });
      expect(entries).toEqual([
        expect.objectContaining({
          actorId: null,
          actorEmail: null,
          detail: { submissions: 2, attempts: 4, durationMs: expect.any(Number), retentionDays: 90, heldRetentionDays: 30 },
        }),
      ]);
      expect(await latestRetentionRun(db)).toEqual({ at: entries[0].at, submissions: 2, attempts: 4, durationMs: expect.any(Number) });

      // Within the hour nobody runs it again, whoever asks.
      expect(await runRetention(second, SETTINGS, { holder: "process-b" })).toBeNull();
    } finally {
      await Promise.all([first.$disconnect(), second.$disconnect()]);
    }
  });

  it("leaves the job to the process holding it, and takes it over once that lease has expired (a crashed holder)", async () => {
    await row("DELIVERED", 100);
    const lease = await takeJobLease(db, { job: "retention", holder: "crashed", leaseMs: 60_000, everyMs: 0 });
    expect(lease).not.toBeNull();
    expect(await runRetention(db, SETTINGS, { holder: "process-b", everyMs: 0 })).toBeNull();
    expect(await db.submission.count({ where: { scrubbedAt: { not: null } } })).toBe(0);

    await db.$executeRaw`UPDATE "JobLease" SET "heldUntil" = now() - interval '1 second'`; // instead of waiting a minute
    expect(await runRetention(db, SETTINGS, { holder: "process-b", everyMs: 0 })).toMatchObject({ submissions: 1, attempts: 2 });
    // The crashed holder, back, has lost the job: its lease no longer renews.
    expect(await lease!.renew()).toBe(false);
  });
});
