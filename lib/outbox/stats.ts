import type { Database } from "@/lib/db/client";
import { outboxCounts } from "./queries";

export type OutboxStats = Awaited<ReturnType<typeof outboxStats>>;

/** What an operator asks first: how deep the outbox is, how late the oldest due submission is, which locations are paused. */
export async function outboxStats(db: Database) {
  const [byStatus, [oldest], paused, rejected] = await Promise.all([
    outboxCounts(db),
    db.$queryRaw<{ ageSeconds: number | null }[]>`
      SELECT EXTRACT(EPOCH FROM (now() - min("nextAttemptAt")))::float8 AS "ageSeconds"
      FROM "Submission" WHERE status IN ('PENDING', 'RETRYING') AND "nextAttemptAt" <= now()`,
    db.location.findMany({
      where: { pausedAt: { not: null } },
      select: { id: true, name: true, pausedAt: true, pauseReason: true },
      orderBy: { pausedAt: "asc" },
    }),
    db.rejectedPost.groupBy({ by: ["reason"], _count: { _all: true }, orderBy: { reason: "asc" } }),
  ]);
  return {
    outbox: { PENDING: 0, RETRYING: 0, DELIVERED: 0, FAILED: 0, HELD: 0, DISCARDED: 0, ...byStatus },
    /** Seconds since the oldest due submission became due; null when nothing is due. */
    oldestDueAgeSeconds: oldest?.ageSeconds == null ? null : Math.round(oldest.ageSeconds * 10) / 10,
    pausedLocations: paused.map((l) => ({ id: l.id, name: l.name, pausedAt: l.pausedAt!.toISOString(), reason: l.pauseReason })),
    /** Posts dropped in the last day (no valid form token), by reason; suspects are Held instead. */
    rejectedLastDay: Object.fromEntries(rejected.map((r) => [r.reason, r._count._all])),
  };
}

/** The same figures as lines for a terminal (`npm run outbox:stats`). */
export function formatOutboxStats(stats: OutboxStats): string {
  const lines = ["Outbox by status:", ...Object.entries(stats.outbox).map(([status, count]) => `  ${status.padEnd(10)} ${count}`)];
  lines.push(`Oldest due submission: ${stats.oldestDueAgeSeconds === null ? "none due" : `${stats.oldestDueAgeSeconds} s overdue`}`);
  const rejected = Object.entries(stats.rejectedLastDay);
  lines.push(`Dropped in the last day: ${rejected.length === 0 ? "none" : rejected.map(([reason, count]) => `${reason} ${count}`).join(", ")}`);
  lines.push(stats.pausedLocations.length === 0 ? "Paused locations: none" : "Paused locations:");
  for (const l of stats.pausedLocations) lines.push(`  ${l.id} (${l.name}) since ${l.pausedAt}: ${l.reason ?? ""}`);
  return lines.join("\n");
}
