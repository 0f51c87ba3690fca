import pg from "pg";
import { moduleLog } from "@/lib/log/logger";

const CHANNEL = "leadrelay_outbox";
const RECONNECT_MS = 2000;
/** The advisory lock the insert trigger shares (migration outbox_listener); a worker holds it alone to put itself on the list. */
const LISTENERS_LOCK = 72707370;
/** A waiting worker's place on the list outlasts its poll by this much; a crashed worker's runs out. */
const LISTING_MARGIN_MS = 60_000;

export type Announcements = {
  /** The first connection's outcome: listening and on the list, or polling only (the connection failed). */
  ready: Promise<void>;
  /** Stops listening, and leaves the list, while the dispatch loop polls on its own: stores are then not announced at all. */
  pause: () => Promise<void>;
  /** Listens again and goes back on the list; a submission stored before this resolved may not have been announced. */
  resume: () => Promise<void>;
  /** Before a long wait: renews the place on the list when half of it is used, true when it did (look once more then). */
  renew: () => Promise<boolean>;
  stop: () => Promise<void>;
};

/**
 * Calls `onSubmission` whenever a submission is stored while this worker waits for one: a trigger NOTIFYs CHANNEL
 * only while a worker is on the OutboxListener list, because NOTIFY makes every announcing commit in the database
 * take turns. Polling stays the guarantee: a lost connection only means waiting for the next poll, and it reconnects.
 * (Behind PgBouncer in transaction mode notifications do not arrive; the poll still does.)
 */
export function listenForSubmissions(
  connectionString: string,
  onSubmission: () => void,
  { workerId, waitMs }: { workerId: string; waitMs: number },
): Announcements {
  const log = moduleLog("wake");
  const listingMs = waitMs + LISTING_MARGIN_MS;
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let paused = false;
  let connected = false;
  let listedAt = 0;
  // The client runs its queries in the order asked; a failure is the lost connection's, which reconnects and listens (unless paused).
  const send = async (statement: string, values: unknown[] = []) => {
    if (connected) await client?.query(statement, values).catch(() => undefined);
  };
  // One statement, so the lock is held until the row is committed: inserts still deciding are waited for, later ones see it.
  const enlist = async () => {
    listedAt = Date.now();
    await send(
      `WITH alone AS (SELECT pg_advisory_xact_lock(${LISTENERS_LOCK}))
       INSERT INTO "OutboxListener" ("workerId", "until") SELECT $1, now() + $2 * interval '1 millisecond' FROM alone
       ON CONFLICT ("workerId") DO UPDATE SET "until" = EXCLUDED."until"`,
      [workerId, listingMs],
    );
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
      if (!paused) {
        await next.query(`LISTEN ${CHANNEL}`);
        await enlist();
      }
      log.info("listening for new submissions");
    } catch (error) {
      log.warn({ err: error }, "could not listen for new submissions; polling");
      await next.end().catch(() => undefined);
    }
  };
  const ready = connect();

  return {
    ready,
    async pause() {
      paused = true;
      await send(`UNLISTEN ${CHANNEL}`);
      await send(`DELETE FROM "OutboxListener" WHERE "workerId" = $1`, [workerId]);
    },
    async resume() {
      paused = false;
      await send(`LISTEN ${CHANNEL}`);
      await enlist();
    },
    async renew() {
      if (paused || !connected || Date.now() - listedAt < listingMs / 2) return false;
      await enlist();
      return true;
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await send(`DELETE FROM "OutboxListener" WHERE "workerId" = $1`, [workerId]);
      await client?.end().catch(() => undefined);
    },
  };
}
