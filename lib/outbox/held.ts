import type { Database } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { filterSql, type OutboxFilter } from "./filter";

/** Which Held submissions a bulk action covers: listed ids, or every one matching the dashboard's filter. */
export type HeldSelection = { ids: string[] } | { filter: OutboxFilter };

/** Rows per statement: bulk work never holds locks on thousands of rows, and skips rows a dispatcher holds. */
const BATCH = 500;

/** Puts Held submissions in line for delivery, as if they had just been accepted. Returns how many. */
export function releaseHeld(database: Database, selection: HeldSelection) {
  return inBatches(database, selection, Prisma.sql`status = 'PENDING', "nextAttemptAt" = now()`);
}

/** Sets Held submissions aside for good, with the reason a person gave: kept for the record, never delivered. */
export function discardHeld(database: Database, selection: HeldSelection, reason: string) {
  return inBatches(database, selection, Prisma.sql`status = 'DISCARDED', "discardReason" = ${reason}`);
}

async function inBatches(database: Database, selection: HeldSelection, set: Prisma.Sql): Promise<number> {
  const match = "ids" in selection ? Prisma.sql`id = ANY(${selection.ids}::uuid[])` : filterSql({ ...selection.filter, status: "HELD" });
  let total = 0;
  for (;;) {
    const changed = await database.$executeRaw`
      UPDATE "Submission" SET ${set}, "updatedAt" = now()
      WHERE id IN (SELECT id FROM "Submission" WHERE status = 'HELD' AND ${match} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`;
    total += changed;
    if (changed < BATCH) return total;
  }
}
