import type { Database } from "@/lib/db/client";

/**
 * Puts a Failed submission back in line with a fresh attempt budget. Returns false when it is not
 * Failed (already retried, or delivered meanwhile), so a double click cannot send it twice.
 */
export async function retryFailedSubmission(database: Database, id: string): Promise<boolean> {
  const { count } = await database.submission.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "PENDING", nextAttemptAt: new Date(), consecutiveFailures: 0, lockedUntil: null, lockedBy: null },
  });
  return count === 1;
}
