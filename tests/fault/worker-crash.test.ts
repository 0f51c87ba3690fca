// A worker killed with SIGKILL in the middle of a call, and an upstream that answers 503 for a while:
// real worker processes (scripts/worker.ts), a real PostgreSQL, the fake LeadConnector on loopback.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { submitContact } from "../support/delivery";
import { startWorkerProcess, type WorkerProcess } from "../support/processes";
import { waitFor } from "../support/wait";

let database: TestDatabase;
let fake: FakeLeadConnector;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeLeadConnector({ token: "fault-token" });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});
beforeEach(() => fake.reset());
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop("SIGKILL")));
  await database.db.deliveryAttempt.deleteMany();
  await database.db.submission.deleteMany();
});

function worker(env: Record<string, string> = {}) {
  const started = startWorkerProcess(database.url, fake, env);
  workers.push(started);
  return started;
}

const emailsOf = (contacts: FakeLeadConnector["contacts"]) => contacts.map((c) => String(c.body.email));

describe("a worker process killed mid-call", () => {
  it("is taken over after its lease expires, and exactly one contact exists", async () => {
    fake.script({ createThenDelayMs: 60_000 }); // the contact is created, the answer held until the worker is dead
    const id = await submitContact(database.db);
    const first = worker();
    await waitFor(() => fake.requests.length === 1, { what: "the first worker's create", timeoutMs: 30_000 });

    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const orphan = await database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(orphan).toMatchObject({ status: "PENDING", lockedBy: expect.any(String), attemptCount: 0 });
    // Time passing stands in as a backdated lease.
    await database.db.submission.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1) } });

    const second = worker();
    await waitFor(async () => (await database.db.submission.findUniqueOrThrow({ where: { id } })).status === "DELIVERED", {
      what: () => `delivery by the restarted worker\n${second.output()}`,
      timeoutMs: 30_000,
    });
    expect(fake.contacts).toHaveLength(1);
    const delivered = await database.db.submission.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { startedAt: "asc" } } } });
    expect(delivered).toMatchObject({ contactId: fake.contacts[0].id, contactLink: "FOUND" });
    expect(delivered.attempts.map((a) => `${a.action} ${a.httpStatus}`)).toEqual(["lookup 200", "add_tags 201"]);

    expect(await second.stop("SIGTERM")).toBe(0);
    expect(second.output()).toContain("stopped");
  });
});

describe("an upstream that answers 503 for a while", () => {
  it("delivers everything exactly once after it recovers", async () => {
    fake.setStanding({ status: 503, body: { statusCode: 503, message: "Service Unavailable" } });
    for (let i = 0; i < 20; i++) await submitContact(database.db);
    const running = worker();
    const retrying = () => database.db.submission.count({ where: { status: "RETRYING" } });
    await waitFor(async () => (await retrying()) === 20, { what: "20 first failures", timeoutMs: 30_000 });

    // The backoff's waits pass (backdated, not slept): a second round fails too, then the upstream recovers.
    await database.db.submission.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1) } });
    // At least two: a row whose second backoff drew a second or two may fail a third time before the last row's second.
    await waitFor(async () => (await database.db.submission.count({ where: { consecutiveFailures: { gte: 2 } } })) === 20, {
      what: "20 second failures",
      timeoutMs: 30_000,
    });
    fake.setStanding(null);
    await database.db.submission.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1) } });
    await waitFor(async () => (await database.db.submission.count({ where: { status: "DELIVERED" } })) === 20, { what: "20 deliveries", timeoutMs: 30_000 });

    expect(fake.contacts).toHaveLength(20);
    expect(new Set(emailsOf(fake.contacts)).size).toBe(20);
    expect(await running.stop("SIGTERM")).toBe(0);
  });
});

describe("a worker process sent SIGTERM", () => {
  it("lets the call in flight finish, puts back the submission still waiting, and exits 0", async () => {
    fake.setLatency(1500);
    const inFlight = await submitContact(database.db);
    const waiting = await submitContact(database.db);
    // One call per 4 s: the second submission waits for its slot when the signal comes.
    const running = worker({ DELIVERY_RATE_LIMIT_MAX: "1", DELIVERY_RATE_LIMIT_INTERVAL_MS: "4000" });
    await waitFor(() => fake.requests.length === 1, { what: () => `the first call\n${running.output()}`, timeoutMs: 30_000 });

    expect(await running.stop("SIGTERM")).toBe(0);
    expect(await database.db.submission.findUniqueOrThrow({ where: { id: inFlight } })).toMatchObject({ status: "DELIVERED", lockedBy: null });
    expect(await database.db.submission.findUniqueOrThrow({ where: { id: waiting } })).toMatchObject({ status: "PENDING", attemptCount: 0, lockedBy: null });
    expect(fake.requests).toHaveLength(1);
  });
});
