import type { Database } from "@/lib/db/client";
import type { DeliveryAttempt } from "@/lib/db/generated/client";

/** An audit entry that names a submission: a retry, release, discard or edit, with who did it. */
export type SubmissionAuditEntry = { id: bigint; at: Date; action: string; actorEmail: string | null; detail: unknown };

/** One line of a submission's history. */
export type TimelineEvent =
  { kind: "accepted"; at: Date } | { kind: "attempt"; at: Date; attempt: DeliveryAttempt } | { kind: "audit"; at: Date; entry: SubmissionAuditEntry };

/** Every audit entry naming this submission, oldest first; `@>` so the GIN index on submissionIds serves it. */
export function auditEntriesFor(database: Database, submissionId: string) {
  return database.$queryRaw<SubmissionAuditEntry[]>`
    SELECT id, at, action, "actorEmail", detail FROM "AuditEntry"
    WHERE "submissionIds" @> ARRAY[${submissionId}]::uuid[] ORDER BY at, id`;
}

/** Acceptance, each delivery attempt and each person's action, in one list by time (ties keep that order). */
export function mergeTimeline(createdAt: Date, attempts: DeliveryAttempt[], entries: SubmissionAuditEntry[]): TimelineEvent[] {
  const events: TimelineEvent[] = [
    { kind: "accepted", at: createdAt },
    ...attempts.map((attempt) => ({ kind: "attempt" as const, at: attempt.startedAt, attempt })),
    ...entries.map((entry) => ({ kind: "audit" as const, at: entry.at, entry })),
  ];
  return events
    .map((event, i) => ({ event, i }))
    .sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || a.i - b.i)
    .map(({ event }) => event);
}

/** A submission with its whole history, or null. */
export async function submissionHistory(database: Database, id: string) {
  const [submission, entries] = await Promise.all([
    database.submission.findUnique({ where: { id }, include: { attempts: { orderBy: { startedAt: "asc" } } } }),
    auditEntriesFor(database, id),
  ]);
  if (!submission) return null;
  const { attempts, ...rest } = submission;
  return { submission: rest, timeline: mergeTimeline(submission.createdAt, attempts, entries) };
}
