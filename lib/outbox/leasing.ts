import { poolOf, prepared, type Database } from "@/lib/db/client";
import type { AttemptAction, AttemptOutcome, Submission } from "@/lib/db/generated/client";
import type { Transition } from "./transition";

/** The columns a release may write, with the cast each value needs; a column is written only when the run's result names it. */
const RELEASED: Record<keyof Transition, string> = {
  status: '"SubmissionStatus"',
  contactId: "text",
  contactLink: '"ContactLink"',
  deliveredAt: "timestamptz",
  lastError: "text",
  consecutiveFailures: "int",
  nextAttemptAt: "timestamptz",
  needsLookup: "boolean",
};
const RELEASE_SETS = Object.entries(RELEASED)
  .map(([column, type]) => `"${column}" = CASE WHEN r.result ? '${column}' THEN (r.result->>'${column}')::${type} ELSE s."${column}" END`)
  .join(",\n    ");

/** One call to LeadConnector as the DeliveryAttempt row keeps it; the token is never in `request`. */
export type AttemptRecord = {
  id: string;
  action: AttemptAction;
  startedAt: string;
  durationMs: number;
  request: unknown;
  httpStatus: number | null;
  outcome: AttemptOutcome;
  responseExcerpt: string | null;
  error: string | null;
};

// Inserts the attempts of the runs given as JSON in parameter $n ([{ id, attempts }]); a statement of its own, or a CTE beside the releases.
const insertAttempts = (
  n: number,
) => `INSERT INTO "DeliveryAttempt" (id, "submissionId", action, "startedAt", "durationMs", "workerId", request, "httpStatus", outcome, "responseExcerpt", error)
  SELECT a.id, r.id, CASE a.action WHEN 'add_tags' THEN 'add-tags' ELSE a.action END::"AttemptAction", a."startedAt", a."durationMs", $1, a.request,
    a."httpStatus", a.outcome::"AttemptOutcome", a."responseExcerpt", a.error
  FROM json_to_recordset($${n}::json) AS r(id uuid, attempts json)
  CROSS JOIN LATERAL json_to_recordset(r.attempts) AS a(id uuid, action text, "startedAt" timestamptz, "durationMs" int, request jsonb, "httpStatus" int,
    outcome text, "responseExcerpt" text, error text)
  -- A submission erased while its call was in flight keeps no copy of what was sent. A lookup per row by primary key:
  -- as NOT EXISTS the planner, guessing 100 rows from json_to_recordset, scanned the whole table for scrubbed rows.
  WHERE (SELECT "scrubbedAt" FROM "Submission" WHERE id = r.id) IS NULL`;

// Long enough to gather a batch's answers (a round trip each on this database costs more than the wait), short beside a call.
const RELEASE_GROUP_MS = 5;

const withNulls = (result: Transition) => Object.fromEntries(Object.entries(result).map(([column, value]) => [column, value ?? null]));

type PendingRelease = { id: string; result: Transition; attempts: AttemptRecord[]; settle: (written: boolean) => void; fail: (error: unknown) => void };

/**
 * A worker's leases on outbox rows: claimed with SKIP LOCKED, kept alive while a run lasts, and released with the
 * run's result. Every write is fenced on `lockedBy`, so a worker that lost its lease changes nothing. The statements
 * every delivery runs go through pg directly: Prisma's engine cost several times their CPU.
 */
export function createLeasing({ db, workerId, leaseMs }: { db: Database; workerId: string; leaseMs: number }) {
  let pending: PendingRelease[] = [];

  async function flush() {
    const releases = pending;
    pending = [];
    // A column the result names but leaves undefined is written as null, as before.
    const runs = releases.map(({ id, result, attempts }) => ({ id, calls: attempts.length, result: withNulls(result), attempts }));
    try {
      const { rows } = await poolOf(db).query<{ id: string }>({
        ...prepared(db, "release"),
        text: `WITH attempt AS (${insertAttempts(2)})
         UPDATE "Submission" AS s SET "lockedUntil" = NULL, "lockedBy" = NULL, "attemptCount" = s."attemptCount" + r.calls, "updatedAt" = now(),
           ${RELEASE_SETS}
         FROM json_to_recordset($2::json) AS r(id uuid, calls int, result jsonb)
         -- The ids as an array too: joined on the JSON alone, the planner hashed it against a scan of the whole table.
         WHERE s.id = ANY($3::uuid[]) AND s.id = r.id AND s."lockedBy" = $1
         RETURNING s.id`,
        values: [workerId, JSON.stringify(runs), releases.map((release) => release.id)],
      });
      const written = new Set(rows.map((row) => row.id));
      for (const release of releases) release.settle(written.has(release.id));
    } catch (error) {
      for (const release of releases) release.fail(error);
    }
  }

  return {
    /**
     * Leases due submissions to this worker; rows another worker holds are skipped, not waited for.
     * Submissions of paused locations wait, unless `probeLocation` names the one being probed.
     */
    async claim(limit: number, { onlyId, probeLocation }: { onlyId?: string; probeLocation?: string } = {}): Promise<Submission[]> {
      // One text (and prepared statement) per kind of claim, each planned for what it looks for.
      const [kind, only, extra] = onlyId
        ? ["one", `AND id = $4::uuid`, [onlyId]]
        : probeLocation
          ? ["probe", `AND c."locationId" = $4`, [probeLocation]]
          : ["due", "", []];
      const { rows } = await poolOf(db).query<Submission>({
        ...prepared(db, `claim-${kind}`),
        // A row still naming a worker was never finished: that worker died mid-call, so its create may have landed.
        text: `UPDATE "Submission" AS s
        SET "lockedUntil" = now() + $1 * interval '1 millisecond', "lockedBy" = $2,
          "needsLookup" = s."needsLookup" OR (s."lockedBy" IS NOT NULL AND s."contactId" IS NULL)
        FROM (
          SELECT id FROM "Submission" AS c
          WHERE status IN ('PENDING', 'RETRYING')
            AND "nextAttemptAt" <= now()
            AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
            ${only}
            -- A paused location's submissions wait, but for the one its probe delivers.
            ${kind === "probe" ? "" : `AND NOT EXISTS (SELECT 1 FROM "Location" AS l WHERE l.id = c."locationId" AND l."pausedAt" IS NOT NULL)`}
            -- A location whose daily budget is spent waits for the reset: nothing to claim, no attempt spent.
            AND NOT EXISTS (SELECT 1 FROM "RateBudget" AS b WHERE b."locationId" = c."locationId" AND b."dailyRemaining" <= 0 AND b."dailyResetAt" > now())
          ORDER BY "nextAttemptAt"
          LIMIT $3
          FOR UPDATE SKIP LOCKED
        ) AS due
        WHERE s.id = due.id
        RETURNING s.*`,
        values: [leaseMs, workerId, limit, ...extra],
      });
      return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
    },

    /** Renews the lease at a third of its length while a long run lasts; returns the function that stops renewing. */
    keepAlive(submissionId: string, onError: (error: unknown) => void): () => void {
      const timer = setInterval(() => {
        db.$executeRaw`UPDATE "Submission" SET "lockedUntil" = now() + ${leaseMs} * interval '1 millisecond' WHERE id = ${submissionId}::uuid AND "lockedBy" = ${workerId}`.catch(
          onError,
        );
      }, leaseMs / 3);
      return () => clearInterval(timer);
    },

    /** Records a contact found or linked before the run ends, so a later run does not look for it again. */
    async linkContact(submissionId: string, contactId: string, contactLink: Submission["contactLink"]) {
      await db.submission.updateMany({ where: { id: submissionId, lockedBy: workerId }, data: { contactId, contactLink, needsLookup: false } });
    },

    /**
     * Writes the run's attempts and result and gives the row up; false when the lease was lost meanwhile: the attempts
     * are recorded (the calls happened), the row is left alone. Releases asked for within RELEASE_GROUP_MS of each
     * other go out together, one statement and one commit for all of them: under load, answers arrive in bunches.
     */
    release(submissionId: string, result: Transition, attempts: AttemptRecord[]): Promise<boolean> {
      return new Promise((settle, fail) => {
        if (pending.push({ id: submissionId, result, attempts, settle, fail }) === 1) setTimeout(flush, RELEASE_GROUP_MS);
      });
    },

    /** Records the attempts of a run that broke off before its release. */
    async recordAttempts(submissionId: string, attempts: AttemptRecord[]) {
      if (attempts.length > 0) await poolOf(db).query(insertAttempts(2), [workerId, JSON.stringify([{ id: submissionId, attempts }])]);
    },
  };
}
