// The announcement of new submissions (lib/outbox/wake.ts, migration outbox_listener) against real PostgreSQL: a store
// is announced only while a worker waits on the list, so a busy outbox's commits never queue on NOTIFY's lock.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listenForSubmissions, type Announcements } from "@/lib/outbox/wake";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { submitContact } from "../support/delivery";
import { waitFor } from "../support/wait";

let database: TestDatabase;
let observer: pg.Client;
const heard: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  // Hears the channel without being on the list, as a worker whose place ran out would.
  observer = new pg.Client({ connectionString: database.url });
  await observer.connect();
  observer.on("notification", (n) => heard.push(n.payload ?? ""));
  await observer.query("LISTEN leadrelay_outbox");
});
let announcements: Announcements | null = null;
afterEach(async () => {
  await announcements?.stop();
  announcements = null;
  heard.length = 0;
});
afterAll(async () => {
  await observer.end();
  await database.drop();
});

/**
 * What was announced up to now: notifications arrive in commit order, so once a marker sent after the stores arrives,
 * any announcement of theirs has too.
 */
async function announcedSoFar() {
  const marker = `marker-${heard.length}-${Date.now()}`;
  await database.db.$executeRaw`SELECT pg_notify('leadrelay_outbox', ${marker})`;
  await waitFor(() => heard.includes(marker), { what: "the marker notification" });
  return heard.filter((payload) => payload === "").length;
}

function waitingWorker(onSubmission: () => void = () => undefined) {
  announcements = listenForSubmissions(database.url, onSubmission, { workerId: "wake-test", waitMs: 1000 });
  return announcements;
}

describe("announcing new submissions", () => {
  it("says nothing while no worker waits, and wakes one that does", async () => {
    await submitContact(database.db);
    expect(await announcedSoFar()).toBe(0);

    let woken = 0;
    await waitingWorker(() => woken++).ready;
    await submitContact(database.db);
    await waitFor(() => woken === 1, { what: "the waiting worker woken" });
    expect(await announcedSoFar()).toBe(1);
  });

  it("says nothing while the worker is busy (paused), nor once a crashed worker's place has run out", async () => {
    const worker = waitingWorker();
    await worker.ready;
    await worker.pause();
    await submitContact(database.db);
    expect(await announcedSoFar()).toBe(0);

    await worker.resume();
    await database.db.outboxListener.updateMany({ data: { until: new Date(Date.now() - 1000) } });
    await submitContact(database.db);
    expect(await announcedSoFar()).toBe(0);
  });

  it("puts a worker on the list only once the stores already deciding are committed, so its next look finds them", async () => {
    // A store in flight: its trigger has decided (nobody waits) and holds the shared lock until it commits.
    const storing = new pg.Client({ connectionString: database.url });
    await storing.connect();
    try {
      await storing.query("BEGIN");
      await storing.query(
        `INSERT INTO "Submission" (id, "formId", "locationId", fields, "updatedAt") VALUES (gen_random_uuid(), 'contact', 'loc-1', '{}', now())`,
      );
      const worker = waitingWorker();
      // Its enlisting waits for that lock.
      await waitFor(
        async () =>
          (
            await database.db.$queryRaw<{ waiting: bigint }[]>`
              SELECT count(*) AS waiting FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707370 AND NOT granted`
          )[0].waiting === 1n,
        { what: "the worker's enlisting waiting on the stores' lock" },
      );
      expect(await database.db.outboxListener.count()).toBe(0);
      await storing.query("COMMIT");
      await worker.ready;
      expect(await database.db.outboxListener.count()).toBe(1);
    } finally {
      await storing.end();
    }
  });

  it("leaves the list when it stops", async () => {
    const worker = waitingWorker();
    await worker.ready;
    expect(await database.db.outboxListener.findMany({ select: { workerId: true } })).toEqual([{ workerId: "wake-test" }]);
    await worker.stop();
    announcements = null;
    expect(await database.db.outboxListener.count()).toBe(0);
  });
});
