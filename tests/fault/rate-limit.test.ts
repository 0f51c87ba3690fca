// Three worker processes and a web process's dispatcher share one database and one location whose
// upstream enforces 100 requests per 10 s: the shared rate budget keeps the sum under it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDispatchLoop } from "@/lib/outbox/loop";
import { dispatcherFromEnv } from "@/lib/outbox/runtime";
import { stopDelivering } from "@/lib/outbox/shutdown";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { envFor, submitContact } from "../support/delivery";
import { startWorkerProcess, type WorkerProcess } from "../support/processes";
import { waitFor } from "../support/wait";
import { fixtureForms } from "../../support/forms";

const SUBMISSIONS = 500;
const LIMIT = { max: 100, intervalMs: 10_000 };

let database: TestDatabase;
let fake: FakeLeadConnector;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeLeadConnector({ token: "rate-token", rateLimit: LIMIT });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop("SIGKILL")));
  await fake.close();
  await database.drop();
});

describe("a backlog drained by several processes under LeadConnector's burst limit", () => {
  it("delivers 500 submissions exactly once, with at most 5 answers of 429, at 90% or more of the limit", async () => {
    for (let i = 0; i < SUBMISSIONS; i++) await submitContact(database.db, { email: `burst-${i}@example.com` });

    for (let i = 0; i < 3; i++) workers.push(startWorkerProcess(database.url, fake));
    // The web process's dispatcher, configured from the environment as instrumentation.ts's is.
    const web = dispatcherFromEnv(database.db, envFor(fake), fixtureForms);
    const loop = startDispatchLoop(web);

    const delivered = () => database.db.submission.count({ where: { status: "DELIVERED" } });
    await waitFor(async () => (await delivered()) === SUBMISSIONS, {
      what: () => `${SUBMISSIONS} deliveries\n${workers.map((w) => w.output()).join("\n")}`,
      timeoutMs: 120_000,
      everyMs: 500,
    });
    await stopDelivering({ dispatcher: web, loop, graceMs: 5000 });
    expect((await Promise.all(workers.map((w) => w.stop("SIGTERM")))).every((code) => code === 0)).toBe(true);

    const emails = fake.contacts.map((c) => String(c.body.email));
    expect(emails).toHaveLength(SUBMISSIONS);
    expect(new Set(emails).size).toBe(SUBMISSIONS);
    const tooMany = fake.requests.filter((r) => r.status === 429).length;
    expect(tooMany).toBeLessThanOrEqual(5);

    const created = fake.requests.filter((r) => r.status === 201).map((r) => r.receivedAt);
    const perSecond = ((created.length - 1) / (created.at(-1)! - created[0])) * 1000;
    const allowed = (LIMIT.max / LIMIT.intervalMs) * 1000;
    console.log(
      `[rate-limit] ${created.length} creates at ${perSecond.toFixed(2)}/s (${((perSecond / allowed) * 100).toFixed(1)}% of ${allowed}/s), ${tooMany} answers of 429`,
    );
    expect(perSecond).toBeGreaterThanOrEqual(0.9 * allowed);
    // Which processes delivered: the web process and the workers all took part.
    const byWorker = await database.db.deliveryAttempt.groupBy({ by: ["workerId"], _count: { _all: true } });
    expect(byWorker.length).toBe(4);
  });
});
