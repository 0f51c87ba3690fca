import pg from "pg";
import { moduleLog } from "@/lib/log/logger";

const CHANNEL = "leadrelay_outbox";
const RECONNECT_MS = 2000;

export type Announcements = {
  /** Stops listening while the dispatch loop polls on its own: each announcement costs PostgreSQL a signal and the worker a wake-up. */
  pause: () => Promise<void>;
  /** Listens again; a submission stored before this resolved may not have been announced. */
  resume: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Calls `onSubmission` whenever a submission is stored (a trigger notifies CHANNEL), so a worker apart from the web
 * process delivers at once. Polling stays the guarantee: a lost connection only means waiting for the next poll,
 * and it reconnects. (Behind PgBouncer in transaction mode notifications do not arrive; the poll still does.)
 */
export function listenForSubmissions(connectionString: string, onSubmission: () => void): Announcements {
  const log = moduleLog("wake");
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let paused = false;
  let connected = false;
  // The client runs its queries in the order asked; a failure is the lost connection's, which reconnects and listens (unless paused).
  const send = async (statement: string) => {
    if (connected) await client?.query(statement).catch(() => undefined);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString });
    client = next;
    next.on("notification", onSubmission);
    next.on("error", (error) => log.warn({ err: error }, "listen connection lost; polling until it is back"));
    next.on("end", () => {
      connected = false;
      if (!stopped) retry = setTimeout(() => void connect(), RECONNECT_MS);
    });
    try {
      await next.connect();
      connected = true;
      if (!paused) await next.query(`LISTEN ${CHANNEL}`);
      log.info("listening for new submissions");
    } catch (error) {
      log.warn({ err: error }, "could not listen for new submissions; polling");
      await next.end().catch(() => undefined);
    }
  };
  void connect();

  return {
    pause() {
      paused = true;
      return send(`UNLISTEN ${CHANNEL}`);
    },
    resume() {
      paused = false;
      return send(`LISTEN ${CHANNEL}`);
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
