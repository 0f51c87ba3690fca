// PostgreSQL stopped and started again while submissions arrive and a worker process delivers them.
// This test runs its own embedded PostgreSQL (in a temp folder, on a fixed port) so it may restart it.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/lib/db/client";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { submitContact } from "../support/delivery";
import { startWorkerProcess, type WorkerProcess } from "../support/processes";
import { waitFor } from "../support/wait";

let dir: string;
let port: number;
let postgres: EmbeddedDatabase;
let db: Database;
let fake: FakeLeadConnector;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "leadrelay-pg-restart-"));
  await chmod(dir, 0o755); // the server runs as a `postgres` user when we are root
  port = await freePort();
  postgres = await startEmbeddedPostgres(dir, { port });
  await migrate(postgres.url);
  db = createDatabase(postgres.url);
  fake = await startFakeLeadConnector({ token: "restart-token" });
  fake.setLatency(30); // calls are in flight when the database goes away
});
afterAll(async () => {
  await worker?.stop("SIGKILL");
  await db?.$disconnect();
  await fake?.close();
  await postgres?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("PostgreSQL restarted while submissions arrive", () => {
  it("loses no accepted submission and delivers each exactly once", async () => {
    // A short lease: a run whose final write failed with the database gone is taken over (and looked up) soon.
    const running = startWorkerProcess(postgres.url, fake, { DELIVERY_LEASE_MS: "2000" });
    worker = running;
    const accepted: string[] = [];
    let refused = 0;
    let n = 0;
    const submit = async () => {
      const email = `restart-${++n}@example.com`;
      try {
        await submitContact(db, { email });
        accepted.push(email);
      } catch {
        refused += 1; // the visitor saw "please try again": not accepted
      }
    };

    for (let i = 0; i < 30; i++) await submit();
    await waitFor(() => fake.contacts.length >= 5, { what: () => `first deliveries\n${running.output()}`, timeoutMs: 30_000 });

    await postgres.stop();
    for (let i = 0; i < 5; i++) await submit();
    postgres = await startEmbeddedPostgres(dir, { port });
    for (let i = 0; i < 30; i++) await submit();

    const delivered = () => db.submission.count({ where: { status: "DELIVERED" } });
    await waitFor(async () => (await delivered()) >= accepted.length, { what: () => `all accepted delivered\n${running.output()}`, timeoutMs: 60_000 });

    const emails = fake.contacts.map((c) => String(c.body.email));
    for (const email of accepted)
      expect(
        emails.filter((e) => e === email),
        email,
      ).toHaveLength(1);
    expect(new Set(emails).size).toBe(emails.length);
    expect(refused).toBeGreaterThan(0); // the outage was real
    expect(accepted.length).toBeGreaterThanOrEqual(60);
    expect(await running.stop("SIGTERM")).toBe(0);
  });
});
