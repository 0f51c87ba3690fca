// The standalone build (output: "standalone" plus scripts/build-standalone.ts) run with plain `node`, as the image
// runs it: no tsx, no sources, no dev dependencies; against a test database, delivering to the fake LeadConnector.
import { freePort } from "@/lib/db/embedded";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { postContactForm, submitLeadActionId } from "../support/form-post";
import { deploymentEnv, startProcess, stopAllProcesses } from "../support/processes";
import { waitFor } from "../support/wait";

const STANDALONE = path.resolve(".next", "standalone");

let database: TestDatabase;
let fake: FakeLeadConnector;

beforeAll(async () => {
  // Reuses the build `npm run build` left (the browser tests build too); builds when there is none.
  if (!existsSync(path.join(STANDALONE, "leadrelay", "web.mjs"))) {
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  database = await createTestDatabase();
  fake = await startFakeLeadConnector({ token: "pit-standalone-token" });
}, 600_000);
afterAll(async () => {
  await stopAllProcesses();
  await fake?.close();
  await database?.drop();
});

const env = () => ({
  ...deploymentEnv(database.url, fake),
  AUTH_SECRET: "s".repeat(40),
  FORM_MIN_FILL_SECONDS: "0",
  ADMIN_EMAIL: "ops@example.com",
  ADMIN_PASSWORD: "correct horse battery",
});
const node = (entry: string, extra: Record<string, string> = {}) =>
  startProcess(process.execPath, [`leadrelay/${entry}.mjs`], { cwd: STANDALONE, env: { ...env(), ...extra } });

describe("the standalone build under plain node", () => {
  it("migrates, then serves /api/health and a form whose submission reaches LeadConnector", async () => {
    const migrate = node("migrate");
    expect(await migrate.exited, migrate.output()).toBe(0);
    expect(migrate.output()).toContain("The database is up to date.");

    const port = await freePort();
    const web = node("web", { PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/api/health`).catch(() => null))?.ok === true, {
      timeoutMs: 60_000,
      what: () => `the standalone web server\n${web.output()}`,
    });
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: "ok", database: "up" });

    const posted = await postContactForm(url, submitLeadActionId(STANDALONE), {
      firstName: "Grace",
      lastName: "Hopper",
      email: "grace@example.com",
      idempotencyKey: "standalone-0000000001",
    });
    expect(posted, web.output()).toMatchObject({ outcome: "accepted" });
    await waitFor(() => fake.contacts.some((c) => c.body.email === "grace@example.com"), { what: () => `the contact at the fake\n${web.output()}` });
    expect(fake.contacts).toHaveLength(1);

    expect(await web.stop("SIGTERM")).toBe(0);
  });

  it("runs a worker that delivers and stops cleanly, and a doctor that checks the deployment", async () => {
    const worker = node("worker");
    await waitFor(() => /"msg":"delivering"/.test(worker.output()), { timeoutMs: 30_000, what: () => `the worker to start\n${worker.output()}` });
    expect(await worker.stop("SIGTERM"), worker.output()).toBe(0);
    expect(worker.output()).toMatch(/"msg":"stopped"/);

    const doctor = node("doctor");
    expect(await doctor.exited, doctor.output()).toBe(0);
    expect(doctor.output()).toContain("token accepted");
  });
});
