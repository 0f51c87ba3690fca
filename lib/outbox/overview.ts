import type { Database } from "@/lib/db/client";
import type { SubmissionStatus } from "@/lib/db/generated/enums";

/** The overview's window: the last 30 UTC days, today included. */
export const OVERVIEW_DAYS = 30;

export type DayCounts = { day: string; counts: Partial<Record<SubmissionStatus, number>>; total: number };

/** Submissions per UTC day and status over the window, every day listed (empty ones with no counts), oldest first. */
export async function submissionsPerDay(database: Database, now = new Date()): Promise<DayCounts[]> {
  const rows = await database.$queryRaw<{ day: string; status: SubmissionStatus | null; count: number }[]>`
    WITH days AS (
      SELECT generate_series(date_trunc('day', ${now}::timestamptz AT TIME ZONE 'UTC') - ${OVERVIEW_DAYS - 1} * interval '1 day',
                             date_trunc('day', ${now}::timestamptz AT TIME ZONE 'UTC'), interval '1 day') AS day
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day, s.status, count(s.id)::int AS count
    FROM days LEFT JOIN "Submission" s
      ON s."createdAt" >= days.day AT TIME ZONE 'UTC' AND s."createdAt" < (days.day + interval '1 day') AT TIME ZONE 'UTC'
    GROUP BY days.day, s.status ORDER BY days.day, s.status`;
  const byDay = new Map<string, DayCounts>();
  for (const row of rows) {
    const entry = byDay.get(row.day) ?? { day: row.day, counts: {}, total: 0 };
    if (row.status) {
      entry.counts[row.status] = row.count;
      entry.total += row.count;
    }
    byDay.set(row.day, entry);
  }
  return [...byDay.values()];
}

/** Delivery figures for a group of submissions: success rate over decided ones, median seconds from submit to delivered. */
export type DeliveryFigures = {
  key: string | null;
  submitted: number;
  delivered: number;
  failed: number;
  successRate: number | null;
  medianSeconds: number | null;
};

export type DeliveryBreakdown = { overall: DeliveryFigures; byForm: DeliveryFigures[]; byPartner: DeliveryFigures[] };

/**
 * Success rate (delivered / (delivered + failed)) and median time to delivery over the window, for everything, per
 * form and per partner: one statement, grouped by the database (GROUPING SETS), so every row of the page agrees.
 */
export async function deliveryFigures(database: Database, now = new Date()): Promise<DeliveryBreakdown> {
  const rows = await database.$queryRaw<(Omit<DeliveryFigures, "successRate"> & { grouping: "all" | "form" | "partner" })[]>`
    SELECT CASE WHEN GROUPING("formId") = 0 THEN 'form' WHEN GROUPING("partnerId") = 0 THEN 'partner' ELSE 'all' END AS grouping,
           COALESCE("formId", "partnerId") AS key,
           count(*)::int AS submitted,
           count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered,
           count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "deliveredAt" - "createdAt"))
             FILTER (WHERE status = 'DELIVERED' AND "deliveredAt" IS NOT NULL) AS "medianSeconds"
    FROM "Submission"
    WHERE "createdAt" >= date_trunc('day', ${now}::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - ${OVERVIEW_DAYS - 1} * interval '1 day'
    GROUP BY GROUPING SETS ((), ("formId"), ("partnerId"))
    ORDER BY 1, 2 NULLS FIRST`;
  const figures = rows.map(({ grouping, ...row }) => ({
    grouping,
    ...row,
    successRate: row.delivered + row.failed > 0 ? row.delivered / (row.delivered + row.failed) : null,
  }));
  const pick = (grouping: string): DeliveryFigures[] =>
    figures
      .filter((f) => f.grouping === grouping)
      .map(({ key, submitted, delivered, failed, successRate, medianSeconds }) => ({ key, submitted, delivered, failed, successRate, medianSeconds }));
  const [overall] = pick("all");
  return {
    overall: overall ?? { key: null, submitted: 0, delivered: 0, failed: 0, successRate: null, medianSeconds: null },
    byForm: pick("form"),
    byPartner: pick("partner"),
  };
}

export type LocationState = {
  id: string;
  name: string | null;
  pausedAt: Date | null;
  pauseReason: string | null;
  degradedAt: Date | null;
  degradedReason: string | null;
  /** As the latest answer said; null when no call has been answered yet. */
  rateRemaining: number | null;
  rateMax: number | null;
  dailyRemaining: number | null;
  dailyLimit: number | null;
  dailyResetAt: Date | null;
  lastSeenAt: Date | null;
};

/** Every location known from either table (the configured one may have only a rate budget), with its state. */
export function locationStates(database: Database): Promise<LocationState[]> {
  return database.$queryRaw<LocationState[]>`
    SELECT COALESCE(l.id, b."locationId") AS id, l.name, l."pausedAt", l."pauseReason", l."degradedAt", l."degradedReason",
           b.remaining AS "rateRemaining", b.max AS "rateMax", b."dailyRemaining", b."dailyLimit", b."dailyResetAt",
           b."updatedAt" AS "lastSeenAt"
    FROM "Location" l FULL OUTER JOIN "RateBudget" b ON b."locationId" = l.id
    ORDER BY COALESCE(l.name, b."locationId")`;
}
