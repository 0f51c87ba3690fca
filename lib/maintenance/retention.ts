import { performance } from "node:perf_hooks";
import { recordAudit } from "@/lib/audit/log";
import type { Env } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { takeJobLease } from "./job-lease";

export type RetentionSettings = Pick<Env, "RETENTION_DAYS" | "HELD_RETENTION_DAYS">;
export type RetentionRun = { submissions: number; attempts: number; durationMs: number };

/** The audit log's name for a run; the dashboard shows the latest. */
export const RETENTION_ACTION = "retention.scrub";
/** Rows per statement: each batch is one short transaction, and rows a dispatcher holds are skipped, never waited for. */
const BATCH = 500;
/** What a scrubbed upstream answer or error keeps: the status that names the failure, not the values it echoed. */
const ANSWER = String.raw`(HTTP [0-9]{3}):.*`;
const ANSWER_KEPT = String.raw`\1: [removed]`;
const QUERY = String.raw`\?.*$`;
/** The age that counts for each status; the same expression as the migration's index, so the index serves the search. */
const AGE = Prisma.sql`(CASE status WHEN 'DELIVERED' THEN COALESCE("deliveredAt", "updatedAt") WHEN 'DISCARDED' THEN "updatedAt" ELSE "createdAt" END)`;

/**
 * Removes the personal data of submissions past retention, a batch at a time: Delivered and Discarded ones older
 * than RETENTION_DAYS, Held ones older than HELD_RETENTION_DAYS (which become Discarded: an empty row must never be
 * released). Pending, Retrying and Failed ones are kept whole: they still have to reach LeadConnector.
 * The row, its status, contact id and attempts stay, as the record that a lead came and what became of it.
 */
export async function scrubExpired(database: Database, settings: RetentionSettings, { batchSize = BATCH, stillHeld = async () => true } = {}) {
  const run: Omit<RetentionRun, "durationMs"> = { submissions: 0, attempts: 0 };
  const days = settings.RETENTION_DAYS > 0 ? settings.RETENTION_DAYS : null;
  const heldDays = settings.HELD_RETENTION_DAYS > 0 ? settings.HELD_RETENTION_DAYS : null;
  if (days === null && heldDays === null) return run;
  for (;;) {
    const [batch] = await database.$queryRaw<{ submissions: bigint; attempts: bigint }[]>`
      WITH due AS (
        SELECT id FROM "Submission"
        WHERE "scrubbedAt" IS NULL AND status IN ('DELIVERED', 'DISCARDED', 'HELD')
          AND (
            (status IN ('DELIVERED', 'DISCARDED') AND ${days}::int IS NOT NULL AND ${AGE} < now() - ${days}::int * interval '1 day')
            OR (status = 'HELD' AND ${heldDays}::int IS NOT NULL AND ${AGE} < now() - ${heldDays}::int * interval '1 day'))
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      ),
      submissions AS (
        UPDATE "Submission" s SET
          fields = '{}'::jsonb,
          "pageUrl" = NULL,
          consent = NULL,
          attribution = CASE WHEN s.attribution IS NULL THEN NULL ELSE s.attribution - 'landingUrl' - 'referrer' END,
          fingerprint = NULL,
          "idempotencyKey" = NULL,
          "visitorTimezone" = NULL,
          "searchText" = NULL,
          "lastError" = regexp_replace(s."lastError", ${ANSWER}, ${ANSWER_KEPT}),
          status = CASE WHEN s.status = 'HELD' THEN 'DISCARDED'::"SubmissionStatus" ELSE s.status END,
          "discardReason" = CASE WHEN s.status = 'HELD'
            THEN format('Held for more than %s days without a decision', ${heldDays}::int) ELSE s."discardReason" END,
          "scrubbedAt" = now()
        FROM due WHERE s.id = due.id
        RETURNING s.id
      ),
      attempts AS (
        UPDATE "DeliveryAttempt" a SET
          -- A lookup's URL carries the email or phone in its query; the body carries everything.
          request = jsonb_build_object('method', a.request->'method', 'url', regexp_replace(a.request->>'url', ${QUERY}, '')),
          "responseExcerpt" = NULL,
          error = regexp_replace(a.error, ${ANSWER}, ${ANSWER_KEPT})
        FROM submissions WHERE a."submissionId" = submissions.id
        RETURNING a.id
      )
      SELECT (SELECT count(*) FROM submissions) AS submissions, (SELECT count(*) FROM attempts) AS attempts`;
    run.submissions += Number(batch.submissions);
    run.attempts += Number(batch.attempts);
    if (Number(batch.submissions) < batchSize || !(await stillHeld())) return run;
  }
}

/** How often retention runs across all processes together, and how long a run may hold the job before another may take it. */
const EVERY_MS = 60 * 60 * 1000;
const LEASE_MS = 10 * 60 * 1000;

/**
 * One retention run, if this process gets the job: at most one process runs it at a time, and at most once every
 * `everyMs` in all. Each run is recorded in the audit log (no actor): when, how many rows, how long.
 * Resolves with the run, or null when another process holds the job or ran it recently.
 */
export async function runRetention(
  database: Database,
  settings: RetentionSettings,
  { holder, everyMs = EVERY_MS, leaseMs = LEASE_MS, batchSize = BATCH }: { holder: string; everyMs?: number; leaseMs?: number; batchSize?: number },
): Promise<RetentionRun | null> {
  const lease = await takeJobLease(database, { job: "retention", holder, leaseMs, everyMs });
  if (!lease) return null;
  const started = performance.now();
  try {
    // A run that lost its lease (it outlived leaseMs and another process took over) stops after its batch.
    const scrubbed = await scrubExpired(database, settings, { batchSize, stillHeld: lease.renew });
    const run = { ...scrubbed, durationMs: Math.round(performance.now() - started) };
    await recordAudit(database, {
      actor: null,
      action: RETENTION_ACTION,
      detail: { ...run, retentionDays: settings.RETENTION_DAYS, heldRetentionDays: settings.HELD_RETENTION_DAYS },
    });
    return run;
  } finally {
    await lease.release();
  }
}

/** The latest retention run, for the dashboard. */
export async function latestRetentionRun(database: Pick<Database, "auditEntry">): Promise<(RetentionRun & { at: Date }) | null> {
  const entry = await database.auditEntry.findFirst({ where: { action: RETENTION_ACTION }, orderBy: { at: "desc" } });
  if (!entry) return null;
  const detail = (entry.detail ?? {}) as Partial<RetentionRun>;
  return { at: entry.at, submissions: detail.submissions ?? 0, attempts: detail.attempts ?? 0, durationMs: detail.durationMs ?? 0 };
}
