import type { Database } from "@/lib/db/client";

import type { SubmissionStatus } from "@/lib/db/generated/enums";

export type OutboxStatusFilter = SubmissionStatus;

export async function outboxCounts(database: Database) {
  const groups = await database.submission.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<OutboxStatusFilter, number>>;
}

/** Every location with its token shown only as its last four characters, and its waiting count. */
export async function listLocations(database: Database) {
  const [locations, waiting] = await Promise.all([
    database.location.findMany({ orderBy: { createdAt: "asc" }, omit: { tokenCiphertext: true } }),
    database.submission.groupBy({ by: ["locationId"], where: { status: { in: ["PENDING", "RETRYING"] } }, _count: { _all: true } }),
  ]);
  const waitingBy = new Map(waiting.map((w) => [w.locationId, w._count._all]));
  return locations.map((location) => ({ ...location, waiting: waitingBy.get(location.id) ?? 0 }));
}

/** Locations that deliver, but without the lookup after a lost answer (the token lacks contacts.readonly). */
export async function degradedLocations(database: Database) {
  return database.location.findMany({
    where: { degradedAt: { not: null }, pausedAt: null },
    orderBy: { degradedAt: "asc" },
    select: { id: true, name: true, degradedReason: true },
  });
}

/** Locations whose deliveries are paused, longest-paused first, with how many submissions wait for each. */
export async function pausedLocations(database: Database) {
  const paused = (await listLocations(database)).filter((location) => location.pausedAt !== null);
  return paused.sort((a, b) => a.pausedAt!.getTime() - b.pausedAt!.getTime());
}

/** Locations whose LeadConnector day is spent: their submissions wait for the reset, with how many wait for each. */
export async function spentDailyBudgets(database: Database) {
  const spent = await database.rateBudget.findMany({
    where: { dailyRemaining: { lte: 0 }, dailyResetAt: { gt: new Date() } },
    select: { locationId: true, dailyLimit: true, dailyResetAt: true },
    orderBy: { dailyResetAt: "asc" },
  });
  if (spent.length === 0) return [];
  const [names, waiting] = await Promise.all([
    database.location.findMany({ where: { id: { in: spent.map((s) => s.locationId) } }, select: { id: true, name: true } }),
    database.submission.groupBy({
      by: ["locationId"],
      where: { locationId: { in: spent.map((s) => s.locationId) }, status: { in: ["PENDING", "RETRYING"] } },
      _count: { _all: true },
    }),
  ]);
  const nameOf = new Map(names.map((l) => [l.id, l.name]));
  const waitingBy = new Map(waiting.map((w) => [w.locationId, w._count._all]));
  return spent.map((s) => ({
    id: s.locationId,
    name: nameOf.get(s.locationId) ?? s.locationId,
    dailyLimit: s.dailyLimit,
    resetAt: s.dailyResetAt!,
    waiting: waitingBy.get(s.locationId) ?? 0,
  }));
}
