import type { Database } from "@/lib/db/client";

export type JobLease = {
  /** False when the lease was lost meanwhile (it expired and another process took it): stop. */
  renew(): Promise<boolean>;
  /** Ends the run: the next may start once `everyMs` has passed. */
  release(): Promise<void>;
};

/**
 * Takes the job's lease when nobody holds it and its last run ended at least `everyMs` ago; null otherwise.
 * One statement decides, so two processes asking at once cannot both get it.
 */
export async function takeJobLease(
  database: Database,
  { job, holder, leaseMs, everyMs }: { job: string; holder: string; leaseMs: number; everyMs: number },
): Promise<JobLease | null> {
  const taken = await database.$queryRaw<{ job: string }[]>`
    INSERT INTO "JobLease" (job, holder, "heldUntil") VALUES (${job}, ${holder}, now() + ${leaseMs} * interval '1 millisecond')
    ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, "heldUntil" = EXCLUDED."heldUntil"
      WHERE "JobLease"."heldUntil" < now()
        AND ("JobLease"."lastRunAt" IS NULL OR "JobLease"."lastRunAt" <= now() - ${everyMs} * interval '1 millisecond')
    RETURNING job`;
  if (taken.length === 0) return null;
  return {
    async renew() {
      const renewed = await database.$executeRaw`
        UPDATE "JobLease" SET "heldUntil" = now() + ${leaseMs} * interval '1 millisecond' WHERE job = ${job} AND holder = ${holder}`;
      return renewed === 1;
    },
    async release() {
      await database.$executeRaw`UPDATE "JobLease" SET "heldUntil" = now(), "lastRunAt" = now() WHERE job = ${job} AND holder = ${holder}`;
    },
  };
}
