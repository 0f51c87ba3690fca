import type { Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * Who did something: a signed-in person, someone who tried to sign in (the email typed, no id when no account has it),
 * or null for a command run on the server.
 */
export type Actor = { id: string | null; email: string } | null;

export type AuditRecord = {
  actor: Actor;
  /** Dotted name of what was done: submission.retry, people.create, sign-in.failed. */
  action: string;
  submissionIds?: string[];
  /** Filter and count of a bulk action, before and after of an edit, the outcome. Never tokens or passwords. */
  detail?: Prisma.InputJsonValue;
};

/** Appends one entry to the audit log. There is no update or delete: the table's trigger refuses them. */
export async function recordAudit(database: Pick<Database, "auditEntry">, record: AuditRecord): Promise<void> {
  await database.auditEntry.create({
    data: {
      actorId: record.actor?.id ?? null,
      actorEmail: record.actor?.email ?? null,
      action: record.action,
      submissionIds: record.submissionIds ?? [],
      detail: record.detail,
    },
  });
}
