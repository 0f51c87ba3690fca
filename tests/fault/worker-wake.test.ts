// WEB_DELIVERY=off: the web process only stores; a worker process must deliver a new submission at once, woken by
// PostgreSQL (a trigger's NOTIFY), not at its next poll.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { submitContact } from "../support/delivery";
import { startWorkerProcess, type WorkerProcess } from "../support/processes";
import { waitFor } from "../support/wait";

let database: TestDatabase;
let fake: FakeLeadConnector;
let worker: WorkerProcess | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeLeadConnector({ token: "wake-token" });
});
afterAll(async () => {
  await worker?.stop("SIGKILL");
  await fake.close();
  await database.drop();
});

describe("a worker apart from the web process", () => {
  it("delivers a new submission when it is stored, though its next poll is ten minutes away, and again after a busy spell", async () => {
    const started = (worker = startWorkerProcess(database.url, fake, { DELIVERY_POLL_MS: "600000", LOG_LEVEL: "debug" }));
    // Listening, and its first pass found nothing: idle for ten minutes unless woken.
    await waitFor(() => started.output().includes("listening for new submissions") && started.output().includes("nothing due"), {
      what: () => `the worker listening and idle:\n${started.output()}`,
      timeoutMs: 60_000,
    });

    const id = await submitContact(database.db);
    await waitFor(async () => (await database.db.submission.findUniqueOrThrow({ where: { id } })).status === "DELIVERED", {
      what: "the delivery",
      timeoutMs: 60_000,
    });
    expect(fake.contacts).toHaveLength(1);

    // While its passes found work it stopped listening; once one found nothing it listened again, so the next is at once too.
    await waitFor(() => started.output().includes("listening for announcements again"), {
      what: () => `the worker listening again:\n${started.output()}`,
      timeoutMs: 60_000,
    });
    expect(started.output().indexOf("announcements paused")).toBeGreaterThan(-1);
    expect(started.output().indexOf("announcements paused")).toBeLessThan(started.output().indexOf("listening for announcements again"));
    const next = await submitContact(database.db);
    await waitFor(async () => (await database.db.submission.findUniqueOrThrow({ where: { id: next } })).status === "DELIVERED", {
      what: "the second delivery",
      timeoutMs: 60_000,
    });
    expect(fake.contacts).toHaveLength(2);
    expect(await started.stop()).toBe(0);
  });
});
