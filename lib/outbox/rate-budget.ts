import type { Database } from "@/lib/db/client";
import type { LeadConnectorCall } from "@/lib/leadconnector/client";

export type RateBudgetOptions = {
  db: Database;
  /** The burst limit assumed until LeadConnector's headers say otherwise. */
  max: number;
  intervalMs: number;
  /** A slot further ahead than this is not held for: the submission is deferred to it instead. */
  maxWaitMs?: number;
};

/** A reserved slot (wait this long, then call), or none free soon (try again after this long). */
export type Reservation = { kind: "slot"; waitMs: number } | { kind: "later"; afterMs: number };

export type RateBudget = ReturnType<typeof createRateBudget>;

/** Slots are 5% wider than interval / max, so jitter between a slot and the call reaching LeadConnector stays under the limit. */
const HEADROOM = 1.05;
/** A 429 or a spent Remaining means someone else shares the budget: step back for a tenth of the window. */
const BACKOFF_FRACTION = 0.1;

/**
 * Per-location pacing shared by every process through one PostgreSQL row: each call reserves the next
 * slot, and slots are interval / max apart, so no window of `interval` ever holds more than `max` calls,
 * however many web and worker processes deliver at once.
 */
export function createRateBudget({ db, max, intervalMs, maxWaitMs = 5000 }: RateBudgetOptions) {
  const learned = new Map<string, string>();

  return {
    async reserve(locationId: string): Promise<Reservation> {
      // clock_timestamp(), not now(): a reservation queued behind others on the row lock must not inherit their start time.
      const [slot] = await db.$queryRaw<{ waitMs: number }[]>`
        INSERT INTO "RateBudget" AS b ("locationId", max, "intervalMs", "nextSlotAt", "updatedAt")
        VALUES (${locationId}, ${max}, ${intervalMs}, clock_timestamp() + ${(intervalMs * HEADROOM) / max} * interval '1 millisecond', clock_timestamp())
        ON CONFLICT ("locationId") DO UPDATE
          SET "nextSlotAt" = GREATEST(b."nextSlotAt", clock_timestamp()) + (b."intervalMs" * ${HEADROOM}::float8 / b.max) * interval '1 millisecond', "updatedAt" = clock_timestamp()
          WHERE GREATEST(b."nextSlotAt", clock_timestamp()) <= clock_timestamp() + ${maxWaitMs} * interval '1 millisecond'
        RETURNING GREATEST(0, EXTRACT(EPOCH FROM ("nextSlotAt" - clock_timestamp())) * 1000 - b."intervalMs" * ${HEADROOM}::float8 / b.max)::float8 AS "waitMs"`;
      if (slot) return { kind: "slot", waitMs: Math.ceil(slot.waitMs) };
      const [budget] = await db.$queryRaw<{ afterMs: number }[]>`
        SELECT GREATEST(0, EXTRACT(EPOCH FROM ("nextSlotAt" - clock_timestamp())) * 1000 - ${maxWaitMs})::float8 AS "afterMs" FROM "RateBudget" WHERE "locationId" = ${locationId}`;
      return { kind: "later", afterMs: Math.ceil(budget?.afterMs ?? 0) };
    },

    /** Adopts the limit LeadConnector states (X-RateLimit-Max per X-RateLimit-Interval-Milliseconds), and steps back when it is spent. */
    async learn(locationId: string, call: LeadConnectorCall) {
      if (call.kind !== "response") return;
      const stated = { max: Number(call.headers.get("x-ratelimit-max")), intervalMs: Number(call.headers.get("x-ratelimit-interval-milliseconds")) };
      const key = `${stated.max}/${stated.intervalMs}`;
      if (stated.max > 0 && stated.intervalMs > 0 && learned.get(locationId) !== key) {
        await db.$executeRaw`
          UPDATE "RateBudget" SET max = ${stated.max}, "intervalMs" = ${stated.intervalMs}, "updatedAt" = now()
          WHERE "locationId" = ${locationId} AND (max <> ${stated.max} OR "intervalMs" <> ${stated.intervalMs})`;
        learned.set(locationId, key);
      }
      if (call.status === 429 || call.headers.get("x-ratelimit-remaining") === "0") {
        await db.$executeRaw`
          UPDATE "RateBudget" SET "nextSlotAt" = GREATEST("nextSlotAt", now() + "intervalMs" * ${BACKOFF_FRACTION}::float8 * interval '1 millisecond'), "updatedAt" = now()
          WHERE "locationId" = ${locationId}`;
      }
    },
  };
}
