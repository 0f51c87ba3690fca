import type { ContactLink, SubmissionStatus } from "@/lib/db/generated/enums";
import { retryDelayMs } from "./backoff";

/** Where a delivery run left the submission. */
export type DeliveryOutcome =
  | { kind: "delivered"; contactId: string; link: ContactLink }
  | { kind: "retry"; reason: string; countsTowardLimit: boolean; retryAfterMs?: number }
  | { kind: "failed"; reason: string }
  | { kind: "paused"; reason: string }
  /** Put back untouched: no rate-limit slot free soon, or the worker is stopping before its first call. */
  | { kind: "deferred"; reason: string; afterMs: number };

/** The columns a finished run writes besides releasing the lease. */
export type Transition = {
  status?: SubmissionStatus;
  contactId?: string;
  contactLink?: ContactLink;
  deliveredAt?: Date;
  lastError?: string | null;
  consecutiveFailures?: number;
  nextAttemptAt?: Date;
  needsLookup?: boolean;
};

/**
 * The state after a run, as a pure function of the outcome: delivered, failed for good, waiting on a paused
 * location, put back untouched, or retrying with backoff until `maxAttempts` failures in a row.
 */
export function transition(
  outcome: DeliveryOutcome,
  {
    consecutiveFailures,
    maxAttempts,
    needsLookup,
    now = Date.now(),
    random = Math.random,
  }: { consecutiveFailures: number; maxAttempts: number; needsLookup?: boolean; now?: number; random?: () => number },
): Transition {
  const lookup = needsLookup === undefined ? {} : { needsLookup };
  switch (outcome.kind) {
    case "delivered":
      return {
        status: "DELIVERED",
        contactId: outcome.contactId,
        contactLink: outcome.link,
        deliveredAt: new Date(now),
        lastError: null,
        consecutiveFailures: 0,
        needsLookup: false,
      };
    case "failed":
      return { ...lookup, status: "FAILED", lastError: outcome.reason };
    case "paused":
      return { lastError: `Waiting: ${outcome.reason}` };
    case "deferred":
      return { nextAttemptAt: new Date(now + outcome.afterMs) };
    case "retry": {
      const failures = outcome.countsTowardLimit ? consecutiveFailures + 1 : consecutiveFailures;
      if (failures >= maxAttempts)
        return { ...lookup, status: "FAILED", lastError: `Gave up after ${failures} failed attempts. Last: ${outcome.reason}`, consecutiveFailures: failures };
      return {
        ...lookup,
        status: "RETRYING",
        lastError: outcome.reason,
        consecutiveFailures: failures,
        nextAttemptAt: new Date(now + (outcome.retryAfterMs ?? retryDelayMs(failures, random))),
      };
    }
  }
}
