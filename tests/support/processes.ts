import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { FakeLeadConnector } from "../fake-leadconnector/server";
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

/** `npm run worker` as its own process (scripts/worker.ts), on the test database, delivering to the fake. */
export function startWorkerProcess(
  databaseUrl: string,
  fake: FakeLeadConnector,
  env: Record<string, string | undefined> = {},
  { cwd = ROOT } = {},
): WorkerProcess {
  return startScript("scripts/worker.ts", {
    cwd,
    env: {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      LEADCONNECTOR_BASE_URL: fake.url,
      LEADCONNECTOR_TOKEN: fake.token,
      LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
      TOKEN_ENCRYPTION_KEY: TEST_KEY,
      LEADCONNECTOR_TIMEOUT_MS: "5000",
      ...env,
    },
  });
}
