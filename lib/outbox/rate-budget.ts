import type { Database } from "@/lib/db/client";
import type { LeadConnectorCall } from "@/lib/leadconnector/client";
import type { AnswerHeaders } from "@/lib/leadconnector/exchange";

export type RateBudgetOptions = {
  db: Database;
  /** The burst limit assumed until LeadConnector's headers say otherwise. */
  max: number;
  intervalMs: number;
  /** A slot further ahead than this is not held for: the submission is deferred to it instead. */
  maxWaitMs?: number;
};

/**
 * A reserved slot (wait this long, then call; a call later than `lateMs` past it must not go, since the calls after it
 * keep their own slots and a late one would crowd their window), or none free soon (try again after this long).
 */
export type Reservation = { kind: "slot"; waitMs: number; lateMs: number } | { kind: "later"; afterMs: number; reason: string };

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
      const [slot] = await db.$queryRaw<{ waitMs: number; lateMs: number }[]>`
        INSERT INTO "RateBudget" AS b ("locationId", max, "intervalMs", "nextSlotAt", "updatedAt")
        VALUES (${locationId}, ${max}, ${intervalMs}, clock_timestamp() + ${(intervalMs * HEADROOM) / max} * interval '1 millisecond', clock_timestamp())
        ON CONFLICT ("locationId") DO UPDATE
          SET "nextSlotAt" = GREATEST(b."nextSlotAt", clock_timestamp()) + (b."intervalMs" * ${HEADROOM}::float8 / b.max) * interval '1 millisecond', "updatedAt" = clock_timestamp(),
            -- Each slot also takes one call of the day, so calls in flight together never overdraw it; past the reset the day is unknown again.
            "dailyRemaining" = CASE WHEN b."dailyResetAt" > clock_timestamp() THEN b."dailyRemaining" - 1 END,
            "dailyResetAt" = CASE WHEN b."dailyResetAt" > clock_timestamp() THEN b."dailyResetAt" END
          WHERE GREATEST(b."nextSlotAt", clock_timestamp()) <= clock_timestamp() + ${maxWaitMs} * interval '1 millisecond'
            AND NOT COALESCE(b."dailyRemaining" <= 0 AND b."dailyResetAt" > clock_timestamp(), false)
        RETURNING GREATEST(0, EXTRACT(EPOCH FROM ("nextSlotAt" - clock_timestamp())) * 1000 - b."intervalMs" * ${HEADROOM}::float8 / b.max)::float8 AS "waitMs",
          -- Half the window's headroom: late calls within it can never add up to more than the limit in any window.
          (b."intervalMs" * (${HEADROOM}::float8 - 1) / 2)::float8 AS "lateMs"`;
      if (slot) return { kind: "slot", waitMs: Math.ceil(slot.waitMs), lateMs: slot.lateMs };
      const [budget] = await db.$queryRaw<{ afterMs: number; dailySpent: boolean }[]>`
        SELECT GREATEST(0, EXTRACT(EPOCH FROM ("nextSlotAt" - clock_timestamp())) * 1000 - ${maxWaitMs})::float8 AS "afterMs",
          COALESCE("dailyRemaining" <= 0 AND "dailyResetAt" > clock_timestamp(), false) AS "dailySpent"
        FROM "RateBudget" WHERE "locationId" = ${locationId}`;
      // A spent day is not waited out here: the row goes back due, and claims skip the location until the reset.
      if (budget?.dailySpent) return { kind: "later", afterMs: 0, reason: "Waiting for LeadConnector's daily limit to reset" };
      return { kind: "later", afterMs: Math.ceil(budget?.afterMs ?? 0), reason: "Waiting for LeadConnector's rate limit" };
    },

    /**
     * Adopts the limit LeadConnector states (X-RateLimit-Max per X-RateLimit-Interval-Milliseconds), keeps the
     * remaining and daily figures it states, and steps back when a budget is spent.
     */
    async learn(locationId: string, call: LeadConnectorCall) {
      if (call.kind !== "response") return;
      const stated = statedBudget(call.headers);
      if (stated.remaining !== null || stated.dailyLimit !== null || stated.dailyRemaining !== null) {
        // Within a day the lower of LeadConnector's figure and ours holds (calls in flight are not in its figure yet).
        // LeadConnector documents no reset time for the daily limit: the day is assumed to end at the next UTC midnight.
        await db.$executeRaw`
          UPDATE "RateBudget" SET
            remaining = COALESCE(${stated.remaining}::int, remaining),
            "dailyLimit" = COALESCE(${stated.dailyLimit}::int, "dailyLimit"),
            "dailyRemaining" = CASE
              WHEN ${stated.dailyRemaining}::int IS NULL THEN "dailyRemaining"
              WHEN "dailyResetAt" > now() THEN LEAST(${stated.dailyRemaining}::int, "dailyRemaining")
              ELSE ${stated.dailyRemaining}::int END,
            "dailyResetAt" = CASE
              WHEN ${stated.dailyRemaining}::int IS NULL OR "dailyResetAt" > now() THEN "dailyResetAt"
              ELSE date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day' END
          WHERE "locationId" = ${locationId}`;
      }
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

/** The X-RateLimit-* headers of one answer; a header absent or not a whole number is null. */
function statedBudget(headers: AnswerHeaders) {
  const count = (name: string) => {
    const value = headers.get(name);
    return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
  };
  return {
    max: count("x-ratelimit-max") ?? 0,
    intervalMs: count("x-ratelimit-interval-milliseconds") ?? 0,
    remaining: count("x-ratelimit-remaining"),
    dailyLimit: count("x-ratelimit-limit-daily"),
    dailyRemaining: count("x-ratelimit-daily-remaining"),
  };
}
