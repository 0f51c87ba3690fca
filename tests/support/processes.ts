import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { LOCATION_ID, TEST_KEY } from "./delivery";

export type ScriptProcess = {
  child: ChildProcess;
  /** Everything it printed, for a failing test's message. */
  output: () => string;
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<number | NodeJS.Signals>;
  /** Signals the script and everything it started (its process group), then waits for the script to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<number | NodeJS.Signals>;
};
export type WorkerProcess = ScriptProcess;

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * A project script (`scripts/worker.ts`, …) as its own process, in `cwd` (the checkout unless a test
 * gives its own project folder), with only the environment given (plus PATH and HOME): the rest comes from `.env*`.
 */
export function startScript(script: string, { args = [] as string[], env = {} as Record<string, string | undefined>, cwd = ROOT } = {}): ScriptProcess {
  const defined = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd,
    // Cast: Next declares NODE_ENV as always set, but a command must be tried without it too.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...defined } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping it also stops what it spawned (`next dev`).
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code ?? 0)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) signalGroup(signal);
      const result = await exited;
      signalGroup("SIGKILL"); // anything of its group that outlived it
      return result;
    },
  };
}

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
export function startProcess(
  command: string,
  args: string[],
  { env, cwd, group = false }: { env: Record<string, string>; cwd?: string; group?: boolean },
): WorkerProcess {
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
export function startWorkerProcess(
  databaseUrl: string,
  fake: FakeLeadConnector,
  env: Record<string, string | undefined> = {},
  { cwd = ROOT } = {},
): WorkerProcess {
  return startScript("scripts/worker.ts", {
    cwd,
    env: { ...deploymentEnv(databaseUrl, fake), ...env },
  });
}
