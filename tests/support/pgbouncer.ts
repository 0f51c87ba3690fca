import { freePort } from "@/lib/db/embedded";
import { spawn, spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { waitFor } from "./wait";

export type PgBouncer = { url: (database: string) => string; output: () => string; stop: () => Promise<void> };

/** Debian's PgBouncer (`apt-get install pgbouncer`); CI installs it (.ci/run). */
export const PGBOUNCER = process.env.PGBOUNCER_PATH ?? "/usr/sbin/pgbouncer";

export function pgbouncerVersion(): string | null {
  const result = spawnSync(PGBOUNCER, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.split("\n")[0] : null;
}

/**
 * A real PgBouncer on a free loopback port in transaction pooling mode, in front of `serverUrl`'s PostgreSQL.
 * `databases` maps the names clients use to a database on the server, with an optional pool size of its own.
 */
export async function startPgBouncer(serverUrl: string, databases: Record<string, { dbname: string; poolSize?: number }>): Promise<PgBouncer> {
  const server = new URL(serverUrl);
  const dir = await mkdtemp(path.join(tmpdir(), "leadrelay-pgbouncer-"));
  await chmod(dir, 0o755);
  const port = await freePort();
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  const entries = Object.entries(databases).map(
    ([name, { dbname, poolSize }]) =>
      `${name} = host=${server.hostname} port=${server.port || 5432} dbname=${dbname} user=${user}${password ? ` password=${password}` : ""}${poolSize ? ` pool_size=${poolSize}` : ""}`,
  );
  await writeFile(path.join(dir, "userlist.txt"), `"${user}" ""\n`);
  await writeFile(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      ...entries,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      // Loopback test clients only; the server side authenticates with the password above.
      "auth_type = trust",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      // As many server connections as one Prisma pool opens (10): fewer, and transactions queue past Prisma's 2 s wait.
      "default_pool_size = 10",
      "max_client_conn = 200",
      // Prisma's adapter (node-postgres) sets these at connect; PgBouncer must let them through.
      "ignore_startup_parameters = extra_float_digits,options",
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root; -u drops to the user the embedded PostgreSQL runs as.
  const asRoot = process.getuid?.() === 0 ? ["-u", "postgres"] : [];
  const child = spawn(PGBOUNCER, [...asRoot, path.join(dir, "pgbouncer.ini")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => child.exitCode === null && accepts(port), { what: () => `PgBouncer to listen on ${port}:\n${output}` });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: (database) => `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`, output: () => output, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
