import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readEnv } from "@/lib/config/env";
import { createDatabase } from "@/lib/db/client";
import { saveLocation } from "@/lib/locations/directory";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { LOCATION_ID, submitContact } from "../support/delivery";
import { startScript, type ScriptProcess } from "../support/processes";
import { waitFor } from "../support/wait";

// Real commands in a project folder of their own (the checkout's files linked in, no .data/, no .env*), so the
// `.env*` files and generated secrets a test writes there are the only ones they can find.
const ROOT = path.resolve(import.meta.dirname, "../..");
const SECOND_LOCATION = "loc_added_in_dashboard";
const SECOND_TOKEN = "pit-dashboard-location-4321";
const TIMEOUT = 90_000;

let project: string;
let fake: FakeLeadConnector;
const databases: string[] = [];
const running: ScriptProcess[] = [];

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: inject("postgresUrl") });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server: nothing but the command under test migrates it. */
async function emptyDatabase() {
  const name = `leadrelay_envfile_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  databases.push(name);
  const url = new URL(inject("postgresUrl"));
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function appliedMigrations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('_prisma_migrations') AS t`);
    if (!exists.rows[0].t) return 0;
    return (await client.query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`)).rows[0].n;
  } finally {
    await client.end();
  }
}

const run = (script: string, options: Parameters<typeof startScript>[1] = {}) => {
  const started = startScript(script, { cwd: project, ...options });
  running.push(started);
  return started;
};
const waitForOutput = (process: ScriptProcess, pattern: RegExp) =>
  waitFor(() => pattern.test(process.output()), { timeoutMs: 60_000, what: () => `${pattern} in:\n${process.output()}` });
const decision = (process: ScriptProcess) => JSON.parse(/DECISION (.*)/.exec(process.output())![1]) as Record<string, unknown>;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), "leadrelay-project-"));
  const skip = new Set([".data", ".next", ".git", "test-results", "playwright-report"]);
  for (const entry of await readdir(ROOT)) {
    if (skip.has(entry) || entry.startsWith(".env")) continue;
    await symlink(path.join(ROOT, entry), path.join(project, entry));
  }
  fake = await startFakeLeadConnector({ token: "pit-env-file-token", otherTokens: [SECOND_TOKEN] });
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop("SIGKILL")));
  await fake?.close();
  for (const name of databases) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await rm(project, { recursive: true, force: true });
});

describe("a DATABASE_URL in .env.local", () => {
  let devDatabase: { name: string; url: string };

  it(
    "is used by `npm run dev`, which also generates the dev secrets into .data/",
    async () => {
      devDatabase = await emptyDatabase();
      await writeFile(path.join(project, ".env.local"), `DATABASE_URL=${devDatabase.url}\nPORT=3519\n`);
      const dev = run("scripts/serve.ts", { args: ["dev"] });
      await waitForOutput(dev, /Applied migrations/);
      await dev.stop();

      expect(dev.output()).toContain("[leadrelay] Loaded .env.local");
      expect(dev.output()).toContain(`[leadrelay] Database: 127.0.0.1:${new URL(devDatabase.url).port}/${devDatabase.name} (DATABASE_URL)`);
      expect(dev.output()).not.toContain("No DATABASE_URL");
      expect(await appliedMigrations(devDatabase.url)).toBeGreaterThan(0);
      expect(existsSync(path.join(project, ".data/auth-secret"))).toBe(true);
      expect(existsSync(path.join(project, ".data/token-key"))).toBe(true);
      expect(existsSync(path.join(project, ".data/privacy-hash-key"))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "is used by `npm run db:migrate`",
    async () => {
      const target = await emptyDatabase();
      await writeFile(path.join(project, ".env.local"), `DATABASE_URL=${target.url}\n`);
      const migrate = run("scripts/migrate.ts");
      expect(await migrate.exited, migrate.output()).toBe(0);
      expect(migrate.output()).toContain("Applied: ");
      expect(await appliedMigrations(target.url)).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    "is used by `npm run worker`, which decrypts a token the dashboard stored with dev's generated key",
    async () => {
      const env = [
        `DATABASE_URL=${devDatabase.url}`,
        `LEADCONNECTOR_BASE_URL=${fake.url}`,
        `LEADCONNECTOR_TOKEN=${fake.token}`,
        `LEADCONNECTOR_LOCATION_ID=${LOCATION_ID}`,
      ];
      await writeFile(path.join(project, ".env.local"), env.join("\n") + "\n");
      const db = createDatabase(devDatabase.url);
      try {
        // What the Locations page's saveLocation does inside `npm run dev`: encrypt with the generated key.
        const key = (await readFile(path.join(project, ".data/token-key"), "utf8")).trim();
        await saveLocation(db, readEnv({ TOKEN_ENCRYPTION_KEY: key }), { id: SECOND_LOCATION, name: "Added in the dashboard", token: SECOND_TOKEN });
        const id = await submitContact(db, { email: "worker-env@example.com" }, { locationId: SECOND_LOCATION });

        const worker = run("scripts/worker.ts"); // no TOKEN_ENCRYPTION_KEY, no DATABASE_URL in its environment
        await waitFor(async () => (await db.submission.findUniqueOrThrow({ where: { id } })).status === "DELIVERED", {
          timeoutMs: 60_000,
          what: () => `the worker to deliver; it printed:\n${worker.output()}`,
        });
        await worker.stop();

        expect(worker.output()).toContain("[leadrelay] Loaded .env.local");
        const create = fake.requests.find((r) => r.method === "POST" && r.path === "/contacts/")!;
        expect(create.headers.authorization).toBe(`Bearer ${SECOND_TOKEN}`);
        expect(create.body).toMatchObject({ locationId: SECOND_LOCATION, email: "worker-env@example.com" });
        expect(await db.location.findUniqueOrThrow({ where: { id: SECOND_LOCATION } })).toMatchObject({ pausedAt: null });
      } finally {
        await db.$disconnect();
      }
    },
    TIMEOUT,
  );

  it(
    "is used by `npm start`, which still refuses to run without AUTH_SECRET on a real database (checked at prepareEnvironment)",
    async () => {
      await writeFile(path.join(project, ".env.local"), `DATABASE_URL=${devDatabase.url}\n`);
      // .env.development.local is for dev only: start must not read it, as Next does not.
      await writeFile(path.join(project, ".env.development.local"), "PORT=3518\n");
      const refused = run("tests/support/prepare-environment.ts", { args: ["start"] });
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain("AUTH_SECRET is required by `npm start`");

      await writeFile(path.join(project, ".env.production.local"), `AUTH_SECRET=${"s".repeat(40)}\n`);
      const start = run("tests/support/prepare-environment.ts", { args: ["start"] });
      expect(await start.exited, start.output()).toBe(0);
      expect(decision(start)).toEqual({
        database: `127.0.0.1:${new URL(devDatabase.url).port}/${devDatabase.name}`,
        embedded: false,
        authSecret: "given",
        tokenKey: "none",
        port: 3000,
      });
      expect(start.output()).toContain("[leadrelay] Loaded .env.production.local, .env.local");

      const dev = run("tests/support/prepare-environment.ts", { args: ["dev"] });
      expect(await dev.exited, dev.output()).toBe(0);
      expect(decision(dev)).toMatchObject({ authSecret: "generated", tokenKey: "generated", port: 3518 });
    },
    TIMEOUT,
  );
});

describe("a production worker", () => {
  it(
    "refuses to start without TOKEN_ENCRYPTION_KEY when locations have stored tokens, naming the variable",
    async () => {
      const target = await emptyDatabase();
      await rm(path.join(project, ".env.local"), { force: true });
      const migrate = run("scripts/migrate.ts", { env: { DATABASE_URL: target.url } });
      expect(await migrate.exited, migrate.output()).toBe(0);
      const db = createDatabase(target.url);
      await saveLocation(db, readEnv({ TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64") }), {
        id: SECOND_LOCATION,
        name: "Stored",
        token: SECOND_TOKEN,
      });
      await db.$disconnect();

      // The dev secrets in .data/ are never read by a production process on its own database.
      const worker = run("scripts/worker.ts", {
        env: {
          NODE_ENV: "production",
          DATABASE_URL: target.url,
          LEADCONNECTOR_BASE_URL: fake.url,
          LEADCONNECTOR_TOKEN: fake.token,
          LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
        },
      });
      expect(await worker.exited).toBe(1);
      expect(worker.output()).toContain("TOKEN_ENCRYPTION_KEY is required: 1 location(s) in the database have stored tokens");
    },
    TIMEOUT,
  );
});
