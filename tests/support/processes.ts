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

/** `npm run worker` as its own process (scripts/worker.ts), on the test database, delivering to the fake. */
export function startWorkerProcess(databaseUrl: string, fake: FakeLeadConnector, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      LEADCONNECTOR_BASE_URL: fake.url,
      LEADCONNECTOR_TOKEN: fake.token,
      LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
      TOKEN_ENCRYPTION_KEY: TEST_KEY,
      LEADCONNECTOR_TIMEOUT_MS: "5000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code ?? 0)));
  return {
    child,
    output: () => output,
    exited,
    stop: (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
