import type { Database } from "@/lib/db/client";
import type { Submission } from "@/lib/db/generated/client";
import type { Transition } from "./transition";

/**
 * A worker's leases on outbox rows: claimed with SKIP LOCKED, kept alive while a run lasts, and released with the
 * run's result. Every write is fenced on `lockedBy`, so a worker that lost its lease changes nothing.
 */
export function createLeasing({ db, workerId, leaseMs }: { db: Database; workerId: string; leaseMs: number }) {
  return {
    /**
     * Leases due submissions to this worker; rows another worker holds are skipped, not waited for.
     * Submissions of paused locations wait, unless `probeLocation` names the one being probed.
     */
    async claim(limit: number, { onlyId, probeLocation }: { onlyId?: string; probeLocation?: string } = {}): Promise<Submission[]> {
      // A row still naming a worker was never finished: that worker died mid-call, so its create may have landed.
      const rows = await db.$queryRaw<{ id: string }[]>`
        UPDATE "Submission" AS s
        SET "lockedUntil" = now() + ${leaseMs} * interval '1 millisecond', "lockedBy" = ${workerId},
          "needsLookup" = s."needsLookup" OR (s."lockedBy" IS NOT NULL AND s."contactId" IS NULL)
        FROM (
          SELECT id FROM "Submission" AS c
          WHERE status IN ('PENDING', 'RETRYING')
            AND "nextAttemptAt" <= now()
            AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
            AND (${onlyId ?? null}::uuid IS NULL OR id = ${onlyId ?? null}::uuid)
            AND (${probeLocation ?? null}::text IS NULL OR c."locationId" = ${probeLocation ?? null}::text)
            AND (${probeLocation ?? null}::text IS NOT NULL OR NOT EXISTS (
              SELECT 1 FROM "Location" AS l WHERE l.id = c."locationId" AND l."pausedAt" IS NOT NULL))
            -- A location whose daily budget is spent waits for the reset: nothing to claim, no attempt spent.
            AND NOT EXISTS (SELECT 1 FROM "RateBudget" AS b WHERE b."locationId" = c."locationId" AND b."dailyRemaining" <= 0 AND b."dailyResetAt" > now())
          ORDER BY "nextAttemptAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ) AS due
        WHERE s.id = due.id
        RETURNING s.id`;
      if (rows.length === 0) return [];
      return db.submission.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { nextAttemptAt: "asc" } });
    },

    /** Renews the lease at a third of its length while a long run lasts; returns the function that stops renewing. */
    keepAlive(submissionId: string, onError: (error: unknown) => void): () => void {
      const timer = setInterval(() => {
        db.$executeRaw`UPDATE "Submission" SET "lockedUntil" = now() + ${leaseMs} * interval '1 millisecond' WHERE id = ${submissionId}::uuid AND "lockedBy" = ${workerId}`.catch(onError);
      }, leaseMs / 3);
      return () => clearInterval(timer);
    },

    /** Records a contact found or linked before the run ends, so a later run does not look for it again. */
    async linkContact(submissionId: string, contactId: string, contactLink: Submission["contactLink"]) {
      await db.submission.updateMany({ where: { id: submissionId, lockedBy: workerId }, data: { contactId, contactLink, needsLookup: false } });
    },

    /** Writes the run's result and gives the row up; false when the lease was lost meanwhile and nothing was written. */
    async release(submissionId: string, calls: number, result: Transition): Promise<boolean> {
      const { count } = await db.submission.updateMany({
        where: { id: submissionId, lockedBy: workerId },
        data: { ...result, lockedUntil: null, lockedBy: null, attemptCount: { increment: calls } },
      });
      return count === 1;
    },
  };
}
