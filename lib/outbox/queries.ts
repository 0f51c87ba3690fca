import type { Database } from "@/lib/db/client";

export type OutboxStatusFilter = "PENDING" | "RETRYING" | "DELIVERED" | "FAILED";

/** The outbox, newest first, as the dashboard lists it. */
export function listOutbox(database: Database, { status, take = 100 }: { status?: OutboxStatusFilter; take?: number } = {}) {
  return database.submission.findMany({
    where: status ? { status } : undefined,
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      formId: true,
      fields: true,
      status: true,
      attemptCount: true,
      lastError: true,
      contactId: true,
      nextAttemptAt: true,
    },
  });
}

export function findSubmissionWithAttempts(database: Database, id: string) {
  return database.submission.findUnique({
    where: { id },
    include: { attempts: { orderBy: { startedAt: "desc" } } },
  });
}

export async function outboxCounts(database: Database) {
  const groups = await database.submission.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<OutboxStatusFilter, number>>;
}
