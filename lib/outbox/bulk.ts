import type { Database } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { SubmissionStatus } from "@/lib/db/generated/enums";
import { filterSql, type OutboxFilter } from "./filter";
import type { Cursor } from "./listing";

/** What a marketer can do to many submissions at once. */
export type BulkAction = "retry" | "release" | "discard";

/** The statuses each action applies to; a row in any other status has changed since it was shown, and is skipped. */
export const BULK_STATUSES: Record<BulkAction, readonly SubmissionStatus[]> = {
  retry: ["FAILED"],
  release: ["HELD"],
  discard: ["PENDING", "RETRYING", "FAILED", "HELD"],
};

/** Which submissions: listed ids (ticked rows), or every one matching the dashboard's filter. */
export type BulkSelection = { ids: string[] } | { filter: OutboxFilter };

/** How far a bulk action got: rows changed, rows skipped, and where to go on (null: done). */
export type BulkProgress = { changed: number; skipped: number; next: Cursor | null };

/** Rows per statement, each its own short transaction: never one statement locking every matching row. */
export const BULK_BATCH = 500;

function assignments(action: BulkAction, reason?: string): Prisma.Sql {
  switch (action) {
    // A fresh attempt budget, as the single retry gives.
    case "retry":
      return Prisma.sql`status = 'PENDING', "nextAttemptAt" = now(), "consecutiveFailures" = 0, "lockedUntil" = NULL, "lockedBy" = NULL`;
    case "release":
      return Prisma.sql`status = 'PENDING', "nextAttemptAt" = now()`;
    case "discard":
      return Prisma.sql`status = 'DISCARDED', "discardReason" = ${reason ?? null}, "lockedUntil" = NULL, "lockedBy" = NULL`;
  }
}

/**
 * Applies an action to a selection, a batch at a time in the list's order, until done or `maxRows` rows were looked
 * at (then `next` says where to go on). A row a dispatcher holds (lease in the future), one another transaction has
 * locked, or one no longer in a status the action applies to is skipped and counted, never waited for.
 */
export async function applyBulk(
  database: Database,
  action: BulkAction,
  selection: BulkSelection,
  { reason, after = null, maxRows = Infinity }: { reason?: string; after?: Cursor | null; maxRows?: number } = {},
): Promise<BulkProgress> {
  if (action === "discard" && !reason?.trim()) throw new Error("a discard needs a reason");
  const statuses = BULK_STATUSES[action] as SubmissionStatus[];
  // Listed ids are looked at whatever their status, so one that changed counts as skipped; a filter reads only candidates.
  const match =
    "ids" in selection
      ? Prisma.sql`id = ANY(${selection.ids}::uuid[])`
      : Prisma.sql`${filterSql(selection.filter)} AND status = ANY(${statuses}::"SubmissionStatus"[])`;
  const progress: BulkProgress = { changed: 0, skipped: 0, next: after };
  let seenTotal = 0;
  for (;;) {
    const bound = progress.next ? Prisma.sql`("createdAt", id) < (${progress.next.createdAt}, ${progress.next.id}::uuid)` : Prisma.sql`TRUE`;
    const [batch] = await database.$queryRaw<{ seen: number; changed: number; lastAt: Date | null; lastId: string | null }[]>`
      WITH candidate AS (
        SELECT id, "createdAt" FROM "Submission" WHERE ${match} AND ${bound}
        ORDER BY "createdAt" DESC, id DESC LIMIT ${BULK_BATCH}
      ), target AS (
        SELECT s.id FROM "Submission" s
        WHERE s.id IN (SELECT id FROM candidate) AND s.status = ANY(${statuses}::"SubmissionStatus"[])
          AND (s."lockedUntil" IS NULL OR s."lockedUntil" <= now())
        FOR UPDATE SKIP LOCKED
      ), changed AS (
        UPDATE "Submission" SET ${assignments(action, reason)}, "updatedAt" = now() FROM target
        WHERE "Submission".id = target.id RETURNING "Submission".id
      ), last AS (SELECT "createdAt", id FROM candidate ORDER BY "createdAt", id LIMIT 1)
      SELECT (SELECT count(*)::int FROM candidate) AS seen, (SELECT count(*)::int FROM changed) AS changed,
        (SELECT "createdAt" FROM last) AS "lastAt", (SELECT id FROM last) AS "lastId"`;
    progress.changed += batch.changed;
    progress.skipped += batch.seen - batch.changed;
    seenTotal += batch.seen;
    if (batch.seen < BULK_BATCH || !batch.lastAt || !batch.lastId) return { ...progress, next: null };
    progress.next = { createdAt: batch.lastAt, id: batch.lastId };
    if (seenTotal >= maxRows) return progress;
  }
}
