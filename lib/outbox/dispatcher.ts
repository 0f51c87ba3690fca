import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/client";
import type { Submission } from "@/lib/db/generated/client";
import { findForm } from "@/lib/forms/registry";
import type { LeadConnectorCall, LeadConnectorClient } from "@/lib/leadconnector/client";
import { toCreateContactBody } from "@/lib/leadconnector/contact";
import { retryDelayMs } from "./backoff";
import { classifyCall, type DeliveryOutcome } from "./outcome";

export type DispatcherOptions = {
  db: Database;
  clientFor: (locationId: string) => LeadConnectorClient;
  maxAttempts: number;
  workerId?: string;
  /** How long a claim holds; a crashed worker's rows come back after it. */
  leaseMs?: number;
  batchSize?: number;
};

export type Dispatcher = ReturnType<typeof createDispatcher>;

const RESPONSE_EXCERPT = 2000;

export function newWorkerId() {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export function createDispatcher({ db, clientFor, maxAttempts, workerId = newWorkerId(), leaseMs = 60_000, batchSize = 10 }: DispatcherOptions) {
  /** Leases due submissions (all, or the one named) to this worker; rows another worker holds are skipped, not waited for. */
  async function claim(limit: number, onlyId?: string): Promise<Submission[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "Submission" AS s
      SET "lockedUntil" = now() + ${leaseMs} * interval '1 millisecond', "lockedBy" = ${workerId}
      FROM (
        SELECT id FROM "Submission"
        WHERE status IN ('PENDING', 'RETRYING')
          AND "nextAttemptAt" <= now()
          AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
          AND (${onlyId ?? null}::uuid IS NULL OR id = ${onlyId ?? null}::uuid)
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE s.id = due.id
      RETURNING s.id`;
    if (rows.length === 0) return [];
    return db.submission.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { nextAttemptAt: "asc" } });
  }

  async function deliver(submission: Submission): Promise<DeliveryOutcome> {
    const form = findForm(submission.formId);
    const startedAt = new Date();
    let call: LeadConnectorCall | null = null;
    let outcome: DeliveryOutcome;
    if (!form) {
      outcome = { kind: "failed", reason: `Form "${submission.formId}" no longer exists` };
    } else {
      const body = toCreateContactBody(form, submission.fields as Record<string, unknown>, submission.locationId);
      call = await clientFor(submission.locationId).createContact(body);
      outcome = classifyCall(call);
    }
    await record(submission, startedAt, call, outcome);
    return outcome;
  }

  async function record(submission: Submission, startedAt: Date, call: LeadConnectorCall | null, outcome: DeliveryOutcome) {
    const failures = outcome.kind === "retry" && outcome.countsTowardLimit ? submission.consecutiveFailures + 1 : submission.consecutiveFailures;
    const released = { lockedUntil: null, lockedBy: null, attemptCount: { increment: 1 } } as const;
    const update =
      outcome.kind === "delivered"
        ? { ...released, status: "DELIVERED" as const, contactId: outcome.contactId, deliveredAt: new Date(), lastError: null, consecutiveFailures: 0 }
        : outcome.kind === "failed"
          ? { ...released, status: "FAILED" as const, lastError: outcome.reason }
          : failures >= maxAttempts
            ? { ...released, status: "FAILED" as const, lastError: `Gave up after ${failures} failed attempts. Last: ${outcome.reason}`, consecutiveFailures: failures }
            : {
                ...released,
                status: "RETRYING" as const,
                lastError: outcome.reason,
                consecutiveFailures: failures,
                nextAttemptAt: new Date(Date.now() + (outcome.retryAfterMs ?? retryDelayMs(failures))),
              };

    await db.$transaction([
      db.deliveryAttempt.create({
        data: {
          submissionId: submission.id,
          startedAt,
          durationMs: call?.durationMs ?? 0,
          workerId,
          request: (call?.request ?? {}) as object,
          httpStatus: call?.kind === "response" ? call.status : null,
          outcome: outcome.kind,
          responseExcerpt: call?.kind === "response" ? call.body.slice(0, RESPONSE_EXCERPT) : null,
          error: outcome.kind === "delivered" ? null : outcome.reason,
        },
      }),
      // Fenced by the lease: a worker whose lease was taken over does not overwrite the new owner's state.
      db.submission.updateMany({ where: { id: submission.id, lockedBy: workerId }, data: update }),
    ]);
  }

  return {
    workerId,
    /** Claims and delivers one batch of due submissions; returns how many it handled. */
    async runOnce(): Promise<number> {
      const batch = await claim(batchSize);
      await Promise.all(batch.map(deliver));
      return batch.length;
    },
    /** The immediate path after a visitor submits: deliver this one now if nobody else holds it. */
    async deliverNow(id: string): Promise<DeliveryOutcome | null> {
      const [submission] = await claim(1, id);
      return submission ? deliver(submission) : null;
    },
  };
}
