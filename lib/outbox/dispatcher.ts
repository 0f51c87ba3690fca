import { randomBytes, randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import { hostname } from "node:os";
import type { Database } from "@/lib/db/client";
import type { AttemptAction, Submission } from "@/lib/db/generated/client";
import type { FormCatalog } from "@/lib/forms/catalog";
import type { LeadConnectorCall, LeadConnectorClient } from "@/lib/leadconnector/client";
import type { LocationDirectory } from "@/lib/locations/directory";
import { moduleLog } from "@/lib/log/logger";
import { countDelivery, observeUpstreamCall, trackInFlight } from "@/lib/observability/metrics";
import type { Attribution } from "./attribution";
import { createLeasing, type AttemptRecord } from "./leasing";
import { interpret, type Answer } from "./outcome";
import { createLocationPauses } from "./pauses";
import type { RateBudget } from "./rate-budget";
import { takeTurn } from "./routing";
import { transition, type DeliveryOutcome } from "./transition";
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

export type { DeliveryOutcome } from "./transition";

export type Dispatcher = ReturnType<typeof createDispatcher>;

const RESPONSE_EXCERPT = 2000;
/** Every line about one submission names it (and its location), never its values. */
const logFor = (submission: Submission) => dispatcherLog().child({ submissionId: submission.id, locationId: submission.locationId });
let baseLog: ReturnType<typeof moduleLog> | undefined;
const dispatcherLog = () => (baseLog ??= moduleLog("dispatcher"));
type Action = AttemptAction;

/** Thrown inside a run to put the submission back without an attempt. */
class Deferral extends Error {
  constructor(
    readonly afterMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

export function newWorkerId() {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export function createDispatcher({
  db,
  forms,
  locations,
  maxAttempts,
  workerId = newWorkerId(),
  leaseMs = 60_000,
  batchSize = 25,
  probeEveryMs = 60_000,
  rateBudget = null,
}: DispatcherOptions) {
  let stopping = false;
  const stopped = new AbortController();
  // Every run waiting for a rate-limit slot listens for the stop; their number is what is in flight, not a leak.
  setMaxListeners(0, stopped.signal);
  const inFlight = new Set<Promise<unknown>>();

  const leases = createLeasing({ db, workerId, leaseMs });
  const pauses = createLocationPauses({ db, locations, probeEveryMs });
  const claim = (limit: number, options?: Parameters<typeof leases.claim>[1]) => (stopping ? Promise.resolve([]) : leases.claim(limit, options));

  /** One delivery run: look up (if an earlier answer was lost), create, add tags (if linked to an existing contact). */
  function deliver(submission: Submission, options: { probe?: boolean } = {}): Promise<DeliveryOutcome> {
    // A long run keeps its lease, fenced so a lease lost meanwhile is not taken back.
    const stopRenewing = leases.keepAlive(submission.id, (error) => logFor(submission).error({ err: error }, "lease renewal failed"));
    // Each call's attempt is written with the release, in one statement: a delivery costs two round trips, not three.
    const attempts: AttemptRecord[] = [];
    const run = trackInFlight(runDelivery(submission, attempts, options))
      .catch(async (error: unknown) => {
        if (error instanceof Deferral) return finish(submission, { kind: "deferred", reason: error.message, afterMs: error.afterMs }, attempts);
        // The run broke off: keep the calls it made on record all the same (the lease runs out and a lookup follows).
        await leases.recordAttempts(submission.id, attempts).catch((err) => logFor(submission).error({ err }, "attempts could not be recorded"));
        throw error;
      })
      .finally(() => {
        stopRenewing();
        inFlight.delete(run);
      });
    inFlight.add(run);
    return run;
  }

  /** Waits for this location's next rate-limit slot; defers the run when none is free soon or the worker is stopping. */
  async function awaitSlot(locationId: string, calls: number) {
    // Once a call went out the run finishes (within the shutdown grace); before that it is simply put back.
    if (stopping && calls === 0) throw new Deferral(0, "Worker stopping");
    if (!rateBudget) return;
    const reservation = await rateBudget.reserve(locationId);
    if (reservation.kind === "later") throw new Deferral(reservation.afterMs, reservation.reason);
    const slotAt = performance.now() + reservation.waitMs;
    if (reservation.waitMs > 0) await delay(reservation.waitMs, undefined, { signal: stopped.signal }).catch(() => undefined); // a stop ends the wait
    // A process that stalled past its slot gives the slot up rather than crowd the calls that kept theirs.
    if (performance.now() - slotAt > reservation.lateMs) throw new Deferral(0, "Missed its rate-limit slot");
    if (stopping && calls === 0) throw new Deferral(0, "Worker stopping");
  }

  async function runDelivery(submission: Submission, attempts: AttemptRecord[], { probe = false } = {}): Promise<DeliveryOutcome> {
    const finishRun = (outcome: DeliveryOutcome, extra: { needsLookup?: boolean; probe?: boolean } = {}) => finish(submission, outcome, attempts, extra);
    const form = forms.find(submission.formId);
    if (!form) return finishRun({ kind: "failed", reason: `Form "${submission.formId}" no longer exists` });

    const access = await locations.access(submission.locationId);
    if (!access) {
      const reason = `No token is configured for location ${submission.locationId}. Add it under Locations.`;
      await pauses.pause(submission.locationId, reason, null);
      return finishRun({ kind: "paused", reason });
    }

    const values = submission.fields as Record<string, unknown>;
    const attribution = submission.attribution as Attribution | null;
    const tags = submissionTags(form, attribution);
    const send = async (action: Action, run: (client: LeadConnectorClient) => Promise<LeadConnectorCall>): Promise<Answer> => {
      await awaitSlot(submission.locationId, attempts.length);
      const startedAt = new Date();
      const call = await run(access.client);
      observeUpstreamCall(action, call);
      const answer = interpret(call);
      attempts.push(attemptRecord(action, startedAt, call, answer));
      await rateBudget?.learn(submission.locationId, call);
      return answer;
    };
    const stop = async (answer: Exclude<Answer, { kind: "ok" } | { kind: "duplicate" }>, { afterCreate = false } = {}) => {
      if (answer.kind === "unauthorized") {
        await pauses.pause(submission.locationId, answer.reason, access.fingerprint);
        return finishRun({ kind: "paused", reason: answer.reason });
      }
      // Only a 429 proves nothing was created; after any other failed create, look before creating again.
      const maybeCreated = afterCreate && !(answer.kind === "retry" && !answer.countsTowardLimit);
      return finishRun(answer.kind === "rejected" ? { kind: "failed", reason: answer.reason } : answer, { needsLookup: maybeCreated || undefined });
    };

    let contactId = submission.contactId;
    let link = submission.contactLink;

    if (!contactId && submission.needsLookup) {
      for (const query of lookupQueries(form, values)) {
        const answer = await send("lookup", (client) => client.findDuplicate({ locationId: submission.locationId, ...query }));
        if (answer.kind === "retry") return stop(answer);
        if (answer.kind === "unauthorized") {
          // No contacts.readonly scope: creating is still right, but "never a second contact" is weakened, visibly.
          await pauses.markDegraded(submission.locationId, answer.reason, access.fingerprint);
          break;
        }
        if (answer.kind !== "ok") break; // refused for another reason: creating is still right
        await pauses.clearDegraded(submission.locationId);
        const found = (answer.json.contact as { id?: unknown } | null | undefined)?.id;
        if (typeof found === "string") {
          [contactId, link] = [found, "FOUND"];
          break;
        }
      }
    }

    if (!contactId) {
      const assignedTo = submission.assignedTo ?? (await takeTurn(db, { submissionId: submission.id, workerId, form }));
      const body = toCreateContactBody(form, values, {
        assignedTo,
        locationId: submission.locationId,
        tags,
        extraCustomFields: attributionCustomFields(form, attribution),
        timezone: submission.visitorTimezone,
      });
      const answer = await send("create", (client) => client.createContact(body));
      if (answer.kind === "ok") {
        const id = (answer.json.contact as { id?: unknown } | undefined)?.id;
        if (typeof id !== "string") return stop({ kind: "rejected", reason: "LeadConnector answered 2xx without a contact id" });
        return finishRun({ kind: "delivered", contactId: id, link: "CREATED" }, { probe });
      }
      if (answer.kind !== "duplicate") return stop(answer, { afterCreate: true });
      [contactId, link] = [answer.contactId, "EXISTING"];
    }

    // Linked to a contact this submission did not create: its create-time tags never reached it.
    if (link !== "CREATED" && tags.length > 0) {
      const answer = await send("add_tags", (client) => client.addTags(contactId, tags));
      if (answer.kind !== "ok" && answer.kind !== "duplicate") {
        await leases.linkContact(submission.id, contactId, link);
        return stop(
          answer.kind === "rejected" ? { kind: "rejected", reason: `Linked to contact ${contactId}, but adding tags failed: ${answer.reason}` } : answer,
        );
      }
    }
    return finishRun({ kind: "delivered", contactId, link: link ?? "EXISTING" }, { probe });
  }

  function attemptRecord(action: Action, startedAt: Date, call: LeadConnectorCall, answer: Answer): AttemptRecord {
    return {
      id: randomUUID(),
      action,
      startedAt: startedAt.toISOString(),
      durationMs: call.durationMs,
      request: call.request,
      httpStatus: call.kind === "response" ? call.status : null,
      outcome: answer.kind,
      responseExcerpt: call.kind === "response" ? call.body.slice(0, RESPONSE_EXCERPT) : null,
      error: "reason" in answer ? answer.reason : null,
    };
  }

  /** Writes where the run left the submission and releases the lease. */
  async function finish(
    submission: Submission,
    outcome: DeliveryOutcome,
    attempts: AttemptRecord[],
    { needsLookup, probe }: { needsLookup?: boolean; probe?: boolean } = {},
  ) {
    const calls = attempts.length;
    const written = await leases.release(
      submission.id,
      transition(outcome, { consecutiveFailures: submission.consecutiveFailures, maxAttempts, needsLookup }),
      attempts,
    );
    countDelivery(outcome.kind);
    const reason = "reason" in outcome ? outcome.reason : undefined;
    // Routine outcomes at debug, so a busy outbox does not flood the log; what a person may act on at info and above.
    const level = outcome.kind === "failed" ? "warn" : outcome.kind === "delivered" || outcome.kind === "deferred" ? "debug" : "info";
    // A child logger costs CPU on every delivery: make one only when the line is written.
    if (dispatcherLog().isLevelEnabled(level)) logFor(submission)[level]({ outcome: outcome.kind, reason, calls, written }, "delivery run finished");
    if (probe && outcome.kind !== "paused" && outcome.kind !== "deferred") await pauses.resume(submission.locationId);
    return outcome;
  }

  /** A paused location's probe: one real delivery of one of its submissions, when it has one. */
  async function probe(locationId: string): Promise<boolean> {
    const [submission] = await claim(1, { probeLocation: locationId });
    if (!submission) return false;
    await deliver(submission, { probe: true });
    return true;
  }

  return {
    workerId,
    batchSize,
    /** Probes paused locations (unless told not to this pass), then claims and delivers one batch of due submissions; returns how many it handled. */
    async runOnce({ checkPauses = true }: { checkPauses?: boolean } = {}): Promise<number> {
      const probed = checkPauses ? await pauses.probePaused(probe) : 0;
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
