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

/** Any LeadRelay command as its own process, its output kept, registered for `stopAllProcesses`. */
export function startProcess(command: string, args: string[], { env, cwd }: { env: Record<string, string>; cwd?: string }): WorkerProcess {
  const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code ?? 0)));
  const started: WorkerProcess = {
    child,
    output: () => output,
    exited,
    stop: (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  running.add(started);
  void exited.then(() => running.delete(started));
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
