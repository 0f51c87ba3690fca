import { spawn, type ChildProcess } from "node:child_process";
import type { FakeLeadConnector } from "../fake-leadconnector/server";
import { LOCATION_ID, TEST_KEY } from "./delivery";

export type WorkerProcess = {
  child: ChildProcess;
  /** Everything it printed, for a failing test's message. */
  output: () => string;
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<number | NodeJS.Signals>;
  stop: (signal?: NodeJS.Signals) => Promise<number | NodeJS.Signals>;
};

/** Every process a test started and has not seen exit: `stopAllProcesses()` in an afterAll ends them whatever happened. */
const running = new Set<WorkerProcess>();

/** The environment of a deployment delivering to the fake, on the test database. */
export function deploymentEnv(databaseUrl: string, fake: FakeLeadConnector): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    LEADCONNECTOR_BASE_URL: fake.url,
    LEADCONNECTOR_TOKEN: fake.token,
    LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
    TOKEN_ENCRYPTION_KEY: TEST_KEY,
    LEADCONNECTOR_TIMEOUT_MS: "5000",
  };
}

/**
 * Any LeadRelay command as its own process, its output kept, registered for `stopAllProcesses`.
 * `group`: the command starts children (`npm start` runs npm, then serve.ts, then the web server): it leads a process
 * group, and signals go to the whole group, so SIGKILL is a machine-style crash of all of it.
 */
export function startProcess(command: string, args: string[], { env, cwd, group = false }: { env: Record<string, string>; cwd?: string; group?: boolean }): WorkerProcess {
  const child = spawn(command, args, { env: env as NodeJS.ProcessEnv, cwd, stdio: ["ignore", "pipe", "pipe"], detached: group });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code ?? 0)));
  const started: WorkerProcess = {
    child,
    output: () => output,
    exited,
    stop: (signal = "SIGTERM") => {
      if (group) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // The group is already gone.
        }
      } else if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  running.add(started);
  // A group stays registered until stopped: its children may outlive the leader.
  if (!group) void exited.then(() => running.delete(started));
  return started;
}

/** SIGKILLs every process still running that a test started (for afterAll, so a failed test leaves none behind). */
export async function stopAllProcesses() {
  await Promise.all([...running].map((p) => p.stop("SIGKILL")));
}

/** `npm run worker` as its own process (scripts/worker.ts), on the test database, delivering to the fake. */
export function startWorkerProcess(databaseUrl: string, fake: FakeLeadConnector, env: Record<string, string> = {}): WorkerProcess {
  return startProcess(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { ...deploymentEnv(databaseUrl, fake), ...env } });
}
