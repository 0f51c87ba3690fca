import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { LOCATION_ID, TEST_KEY } from "../support/delivery";

let database: TestDatabase;
let fake: FakeLeadConnector;
beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeLeadConnector({ token: "pit-doctor-token" });
});
afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

/** `npm run doctor` as an operator runs it: its own process, the deployment's environment, its printout and exit code. */
function doctor(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/doctor.ts"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      AUTH_SECRET: "a".repeat(40),
      LEADCONNECTOR_BASE_URL: fake.url,
      LEADCONNECTOR_TOKEN: fake.token,
      LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
      TOKEN_ENCRYPTION_KEY: TEST_KEY,
      EMBED_ALLOWED_ORIGINS: "https://partner.example",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

describe("npm run doctor", () => {
  it("passes a sound deployment after one harmless read per location, and reads no contact", async () => {
    fake.reset();
    const { code, output } = await doctor({});
    expect(output).toContain(`ok    location ${LOCATION_ID}: token accepted`);
    expect(output).toMatch(/ok {4}migrations: all \d+ applied/);
    expect(output).toMatch(/ok {4}clock: within \d+ s/);
    expect(output).toContain("Nothing to fix.");
    expect(code).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual(["GET /contacts/search/duplicate"]);
    expect(fake.contacts).toHaveLength(0);
  });

  it("fails on a refused token and a skewed clock, saying what to fix, and never prints the token", async () => {
    fake.reset();
    const { code, output } = await doctor({ LEADCONNECTOR_TOKEN: "pit-revoked-token" });
    expect(output).toContain(`FAIL  location ${LOCATION_ID}: token refused (401)`);
    expect(output).toContain("fix: replace LEADCONNECTOR_TOKEN");
    expect(output).not.toContain("pit-revoked-token");
    expect(code).toBe(1);

    fake.scriptFor("lookup", { status: 200, body: { contact: null }, headers: { date: new Date(Date.now() - 5 * 60_000).toUTCString() } });
    const skewed = await doctor({});
    expect(skewed.output).toMatch(/FAIL {2}clock: this host's clock is 3\d\d s ahead of LeadConnector's/);
    expect(skewed.output).toContain("fix: enable time synchronisation");
    expect(skewed.code).toBe(1);
  });

  it("fails on an unreachable database and on bad or unsafe configuration, naming the variable", async () => {
    const unreachable = await doctor({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });
    expect(unreachable.output).toContain("FAIL  database: cannot connect");
    expect(unreachable.output).toContain("fix: check DATABASE_URL");
    expect(unreachable.code).toBe(1);

    const invalid = await doctor({ EMBED_ALLOWED_ORIGINS: "partner.example/path" });
    expect(invalid.output).toContain("FAIL  configuration: EMBED_ALLOWED_ORIGINS");
    expect(invalid.code).toBe(1);

    // Valid one by one, unsafe together: a call may outlive the lease and another process create the contact again.
    const lease = await doctor({ DELIVERY_LEASE_MS: "3000", LEADCONNECTOR_TIMEOUT_MS: "3000" });
    expect(lease.output).toContain("FAIL  delivery lease: DELIVERY_LEASE_MS (3000) is under twice LEADCONNECTOR_TIMEOUT_MS (3000)");
    expect(lease.output).toContain("fix: raise DELIVERY_LEASE_MS to at least 6000");
    expect(lease.code).toBe(1);
  });

  it("reports a pending migration", async () => {
    await database.db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")`);
    const { code, output } = await doctor({});
    expect(output).toMatch(/FAIL {2}migrations: 1 pending: \S+/);
    expect(output).toContain("fix: run npm run db:migrate");
    expect(code).toBe(1);
  });
});
