import { randomBytes } from "node:crypto";
import { setMaxListeners } from "node:events";
import { hostname } from "node:os";
import type { Database } from "@/lib/db/client";
import type { ContactLink, Submission } from "@/lib/db/generated/client";
import type { FormCatalog } from "@/lib/forms/catalog";
import type { LeadConnectorCall, LeadConnectorClient } from "@/lib/leadconnector/client";
import type { LocationDirectory } from "@/lib/locations/directory";
import { moduleLog } from "@/lib/log/logger";
import { countDelivery, observeUpstreamCall, trackInFlight } from "@/lib/observability/metrics";
import type { Attribution } from "./attribution";
import { retryDelayMs } from "./backoff";
import { interpret, type Answer } from "./outcome";
import type { RateBudget } from "./rate-budget";
import { attributionCustomFields, lookupQueries, submissionTags, toCreateContactBody } from "./upstream";

export type DispatcherOptions = {
  db: Database;
  /** The site's forms, by id: a submission is mapped with its form's definition. */
  forms: FormCatalog;
  locations: LocationDirectory;
  maxAttempts: number;
  workerId?: string;
  /** How long a claim holds; a crashed worker's rows come back after it. */
  leaseMs?: number;
  batchSize?: number;
  /** A paused location is probed with one real delivery at most this often. */
  probeEveryMs?: number;
  /** Paces calls per location across every process; null sends as fast as claimed. */
  rateBudget?: RateBudget | null;
};

/** Where a delivery run left the submission. */
export type DeliveryOutcome =
  | { kind: "delivered"; contactId: string; link: ContactLink }
  | { kind: "retry"; reason: string; countsTowardLimit: boolean; retryAfterMs?: number }
  | { kind: "failed"; reason: string }
  | { kind: "paused"; reason: string }
  /** Put back untouched: no rate-limit slot free soon, or the worker is stopping before its first call. */
  | { kind: "deferred"; reason: string; afterMs: number };

export type Dispatcher = ReturnType<typeof createDispatcher>;

const RESPONSE_EXCERPT = 2000;
/** Every line about one submission names it (and its location), never its values. */
const logFor = (submission: Submission) => moduleLog("dispatcher").child({ submissionId: submission.id, locationId: submission.locationId });
type Action = "create" | "lookup" | "add-tags";

/** Thrown inside a run to put the submission back without an attempt. */
class Deferral extends Error {
  constructor(readonly afterMs: number, reason: string, readonly calls: number) {
    super(reason);
  }
}

export function newWorkerId() {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export function createDispatcher({ db, forms, locations, maxAttempts, workerId = newWorkerId(), leaseMs = 60_000, batchSize = 10, probeEveryMs = 60_000, rateBudget = null }: DispatcherOptions) {
  let stopping = false;
  const stopped = new AbortController();
  // Every run waiting for a rate-limit slot listens for the stop; their number is what is in flight, not a leak.
  setMaxListeners(0, stopped.signal);
  const inFlight = new Set<Promise<unknown>>();

  /**
   * Leases due submissions to this worker; rows another worker holds are skipped, not waited for.
   * Submissions of paused locations wait, unless `probeLocation` names the one being probed.
   */
  async function claim(limit: number, { onlyId, probeLocation }: { onlyId?: string; probeLocation?: string } = {}): Promise<Submission[]> {
    if (stopping) return [];
    // A row still naming a worker was never finished: that worker died mid-call, so its create may have landed.
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "Submission" AS s
      SET "lockedUntil" = now() + ${leaseMs} * interval '1 millisecond', "lockedBy" = ${workerId},
        "needsLookup" = s."needsLookup" OR (s."lockedBy" IS NOT NULL AND s."contactId" IS NULL)
      FROM (
        SELECT id FROM "Submission" AS c
        WHERE status IN ('PENDING', 'RETRYING')
          AND "nextAttemptAt" <= now()
          AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
          AND (${onlyId ?? null}::uuid IS NULL OR id = ${onlyId ?? null}::uuid)
          AND (${probeLocation ?? null}::text IS NULL OR c."locationId" = ${probeLocation ?? null}::text)
          AND (${probeLocation ?? null}::text IS NOT NULL OR NOT EXISTS (
            SELECT 1 FROM "Location" AS l WHERE l.id = c."locationId" AND l."pausedAt" IS NOT NULL))
          -- A location whose daily budget is spent waits for the reset: nothing to claim, no attempt spent.
          AND NOT EXISTS (SELECT 1 FROM "RateBudget" AS b WHERE b."locationId" = c."locationId" AND b."dailyRemaining" <= 0 AND b."dailyResetAt" > now())
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE s.id = due.id
      RETURNING s.id`;
    if (rows.length === 0) return [];
    return db.submission.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { nextAttemptAt: "asc" } });
  }

  /** One delivery run: look up (if an earlier answer was lost), create, add tags (if linked to an existing contact). */
  function deliver(submission: Submission, options: { probe?: boolean } = {}): Promise<DeliveryOutcome> {
    // A long run keeps its lease: renewed at a third of it, fenced so a lease lost meanwhile is not taken back.
    const heartbeat = setInterval(() => {
      db.$executeRaw`UPDATE "Submission" SET "lockedUntil" = now() + ${leaseMs} * interval '1 millisecond' WHERE id = ${submission.id}::uuid AND "lockedBy" = ${workerId}`.catch(
        (error: unknown) => logFor(submission).error({ err: error }, "lease renewal failed"),
      );
    }, leaseMs / 3);
    const run = trackInFlight(runDelivery(submission, options))
      .catch((error: unknown) => {
        if (error instanceof Deferral) return finish(submission, { kind: "deferred", reason: error.message, afterMs: error.afterMs }, error.calls);
        throw error;
      })
      .finally(() => {
        clearInterval(heartbeat);
        inFlight.delete(run);
      });
    inFlight.add(run);
    return run;
  }

  /** Waits for this location's next rate-limit slot; defers the run when none is free soon or the worker is stopping. */
  async function awaitSlot(locationId: string, calls: number) {
    // Once a call went out the run finishes (within the shutdown grace); before that it is simply put back.
    if (stopping && calls === 0) throw new Deferral(0, "Worker stopping", calls);
    if (!rateBudget) return;
    const reservation = await rateBudget.reserve(locationId);
    if (reservation.kind === "later") throw new Deferral(reservation.afterMs, reservation.reason, calls);
    if (reservation.waitMs > 0) await abortableDelay(reservation.waitMs, stopped.signal);
    if (stopping && calls === 0) throw new Deferral(0, "Worker stopping", calls);
  }

  async function runDelivery(submission: Submission, { probe = false } = {}): Promise<DeliveryOutcome> {
    const form = forms.find(submission.formId);
    if (!form) return finish(submission, { kind: "failed", reason: `Form "${submission.formId}" no longer exists` }, 0);

    const access = await locations.access(submission.locationId);
    if (!access) {
      const reason = `No token is configured for location ${submission.locationId}. Add it under Locations.`;
      await pauseLocation(submission.locationId, reason, null);
      return finish(submission, { kind: "paused", reason }, 0);
    }

    const values = submission.fields as Record<string, unknown>;
    const attribution = submission.attribution as Attribution | null;
    const tags = submissionTags(form, attribution);
    let calls = 0;
    const send = async (action: Action, run: (client: LeadConnectorClient) => Promise<LeadConnectorCall>): Promise<Answer> => {
      await awaitSlot(submission.locationId, calls);
      const startedAt = new Date();
      const call = await run(access.client);
      observeUpstreamCall(action, call);
      const answer = interpret(call);
      calls += 1;
      await recordAttempt(submission.id, action, startedAt, call, answer);
      await rateBudget?.learn(submission.locationId, call);
      return answer;
    };
    const stop = async (answer: Exclude<Answer, { kind: "ok" } | { kind: "duplicate" }>, { afterCreate = false } = {}) => {
      if (answer.kind === "unauthorized") {
        await pauseLocation(submission.locationId, answer.reason, access.fingerprint);
        return finish(submission, { kind: "paused", reason: answer.reason }, calls);
      }
      // Only a 429 proves nothing was created; after any other failed create, look before creating again.
      const maybeCreated = afterCreate && !(answer.kind === "retry" && !answer.countsTowardLimit);
      return finish(submission, answer.kind === "rejected" ? { kind: "failed", reason: answer.reason } : answer, calls, { needsLookup: maybeCreated || undefined });
    };

    let contactId = submission.contactId;
    let link = submission.contactLink;

    if (!contactId && submission.needsLookup) {
      for (const query of lookupQueries(form, values)) {
        const answer = await send("lookup", (client) => client.findDuplicate({ locationId: submission.locationId, ...query }));
        if (answer.kind === "retry") return stop(answer);
        if (answer.kind === "unauthorized") {
          // No contacts.readonly scope: creating is still right, but "never a second contact" is weakened, visibly.
          await markDegraded(submission.locationId, answer.reason, access.fingerprint);
          break;
        }
        if (answer.kind !== "ok") break; // refused for another reason: creating is still right
        await clearDegraded(submission.locationId);
        const found = (answer.json.contact as { id?: unknown } | null | undefined)?.id;
        if (typeof found === "string") {
          [contactId, link] = [found, "FOUND"];
          break;
        }
      }
    }

    if (!contactId) {
      const body = toCreateContactBody(form, values, {
        locationId: submission.locationId,
        tags,
        extraCustomFields: attributionCustomFields(form, attribution),
        timezone: submission.visitorTimezone,
      });
      const answer = await send("create", (client) => client.createContact(body));
      if (answer.kind === "ok") {
        const id = (answer.json.contact as { id?: unknown } | undefined)?.id;
        if (typeof id !== "string") return stop({ kind: "rejected", reason: "LeadConnector answered 2xx without a contact id" });
        return finish(submission, { kind: "delivered", contactId: id, link: "CREATED" }, calls, { probe });
      }
      if (answer.kind !== "duplicate") return stop(answer, { afterCreate: true });
      [contactId, link] = [answer.contactId, "EXISTING"];
    }

    // Linked to a contact this submission did not create: its create-time tags never reached it.
    if (link !== "CREATED" && tags.length > 0) {
      const answer = await send("add-tags", (client) => client.addTags(contactId, tags));
      if (answer.kind !== "ok" && answer.kind !== "duplicate") {
        await db.submission.updateMany({ where: { id: submission.id, lockedBy: workerId }, data: { contactId, contactLink: link, needsLookup: false } });
        return stop(answer.kind === "rejected" ? { kind: "rejected", reason: `Linked to contact ${contactId}, but adding tags failed: ${answer.reason}` } : answer);
      }
    }
    return finish(submission, { kind: "delivered", contactId, link: link ?? "EXISTING" }, calls, { probe });
  }

  async function recordAttempt(submissionId: string, action: Action, startedAt: Date, call: LeadConnectorCall, answer: Answer) {
    await db.deliveryAttempt.create({
      data: {
        submissionId,
        action,
        startedAt,
        durationMs: call.durationMs,
        workerId,
        request: call.request as object,
        httpStatus: call.kind === "response" ? call.status : null,
        outcome: answer.kind,
        responseExcerpt: call.kind === "response" ? call.body.slice(0, RESPONSE_EXCERPT) : null,
        error: "reason" in answer ? answer.reason : null,
      },
    });
  }

  /** Writes where the run left the submission and releases the lease; fenced so a worker that lost its lease changes nothing. */
  async function finish(submission: Submission, outcome: DeliveryOutcome, calls: number, extra: { needsLookup?: boolean; probe?: boolean } = {}) {
    const released = { lockedUntil: null, lockedBy: null, attemptCount: { increment: calls } } as const;
    const failures = outcome.kind === "retry" && outcome.countsTowardLimit ? submission.consecutiveFailures + 1 : submission.consecutiveFailures;
    const lookup = extra.needsLookup === undefined ? {} : { needsLookup: extra.needsLookup };
    const data =
      outcome.kind === "delivered"
        ? { ...released, status: "DELIVERED" as const, contactId: outcome.contactId, contactLink: outcome.link, deliveredAt: new Date(), lastError: null, consecutiveFailures: 0, needsLookup: false }
        : outcome.kind === "failed"
          ? { ...released, ...lookup, status: "FAILED" as const, lastError: outcome.reason }
          : outcome.kind === "paused"
            ? { ...released, lastError: `Waiting: ${outcome.reason}` }
            : outcome.kind === "deferred"
              ? { ...released, nextAttemptAt: new Date(Date.now() + outcome.afterMs) }
            : failures >= maxAttempts
              ? { ...released, ...lookup, status: "FAILED" as const, lastError: `Gave up after ${failures} failed attempts. Last: ${outcome.reason}`, consecutiveFailures: failures }
              : {
                  ...released,
                  ...lookup,
                  status: "RETRYING" as const,
                  lastError: outcome.reason,
                  consecutiveFailures: failures,
                  nextAttemptAt: new Date(Date.now() + (outcome.retryAfterMs ?? retryDelayMs(failures))),
                };
    const { count } = await db.submission.updateMany({ where: { id: submission.id, lockedBy: workerId }, data });
    countDelivery(outcome.kind);
    const reason = "reason" in outcome ? outcome.reason : undefined;
    // Routine outcomes at debug, so a busy outbox does not flood the log; what a person may act on at info and above.
    const level = outcome.kind === "failed" ? "warn" : outcome.kind === "delivered" || outcome.kind === "deferred" ? "debug" : "info";
    logFor(submission)[level]({ outcome: outcome.kind, reason, calls, written: count === 1 }, "delivery run finished");
    if (extra.probe && outcome.kind !== "paused" && outcome.kind !== "deferred") await resumeLocation(submission.locationId);
    return outcome;
  }

  async function pauseLocation(locationId: string, reason: string, fingerprint: string | null) {
    const data = { pausedAt: new Date(), pauseReason: reason, pausedTokenFingerprint: fingerprint, lastProbeAt: new Date() };
    await db.location.upsert({ where: { id: locationId }, create: { id: locationId, name: locationId, ...data }, update: data });
  }

  function resumeLocation(locationId: string) {
    return db.location.updateMany({ where: { id: locationId }, data: { pausedAt: null, pauseReason: null, pausedTokenFingerprint: null } });
  }

  async function markDegraded(locationId: string, answerReason: string, fingerprint: string) {
    const reason = `The token may not search contacts (GET /contacts/search/duplicate: ${answerReason}); add the contacts.readonly scope. Until then a submission whose answer was lost is created again without looking, which can duplicate the contact.`;
    const data = { degradedAt: new Date(), degradedReason: reason, degradedTokenFingerprint: fingerprint };
    await db.location.upsert({ where: { id: locationId }, create: { id: locationId, name: locationId, ...data }, update: data });
  }

  function clearDegraded(locationId: string) {
    return db.location.updateMany({ where: { id: locationId, degradedAt: { not: null } }, data: { degradedAt: null, degradedReason: null, degradedTokenFingerprint: null } });
  }

  /** Paused locations resume when their token changed, or when a probe (one real delivery, at most one a minute) gets through. */
  async function probePausedLocations(): Promise<number> {
    const paused = await db.location.findMany({ where: { pausedAt: { not: null } }, select: { id: true, pausedTokenFingerprint: true } });
    let handled = 0;
    for (const location of paused) {
      const access = await locations.access(location.id);
      if (access && location.pausedTokenFingerprint !== null && access.fingerprint !== location.pausedTokenFingerprint) {
        await resumeLocation(location.id);
        continue;
      }
      if (!access) continue;
      // Only one worker wins the probe slot per interval, however many are running.
      const { count } = await db.location.updateMany({
        where: { id: location.id, pausedAt: { not: null }, OR: [{ lastProbeAt: null }, { lastProbeAt: { lt: new Date(Date.now() - probeEveryMs) } }] },
        data: { lastProbeAt: new Date() },
      });
      if (count === 0) continue;
      const [submission] = await claim(1, { probeLocation: location.id });
      if (!submission) {
        await resumeLocation(location.id); // nothing waits: the next real delivery is the probe
        continue;
      }
      await deliver(submission, { probe: true });
      handled += 1;
    }
    return handled;
  }

  return {
    workerId,
    /** Probes paused locations, then claims and delivers one batch of due submissions; returns how many it handled. */
    async runOnce(): Promise<number> {
      const probed = await probePausedLocations();
      const batch = await claim(batchSize);
      const runs = await Promise.allSettled(batch.map((submission) => deliver(submission)));
      const failed = runs.find((run) => run.status === "rejected");
      if (failed) throw failed.reason;
      return probed + batch.length;
    },
    /** The immediate path after a visitor submits: deliver this one now if nobody else holds it. */
    async deliverNow(id: string): Promise<DeliveryOutcome | null> {
      const [submission] = await claim(1, { onlyId: id });
      return submission ? deliver(submission) : null;
    },
    /**
     * Stops claiming; runs that have not made their first call are put back at once, the others may finish
     * within `graceMs`. Resolves with how many were still running then (their leases expire; the next run looks them up).
     */
    async stop(graceMs: number): Promise<number> {
      stopping = true;
      stopped.abort();
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...inFlight]), timeUp]);
      clearTimeout(timer);
      return inFlight.size;
    },
  };
}

function abortableDelay(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const abort = () => (clearTimeout(timer), resolve());
    const timer = setTimeout(() => (signal.removeEventListener("abort", abort), resolve()), ms);
    signal.addEventListener("abort", abort, { once: true });
  });
}

