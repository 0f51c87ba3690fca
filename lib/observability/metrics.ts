import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "@/lib/db/client";
import { formCatalog } from "@/lib/forms/catalog";
import type { LeadConnectorCall } from "@/lib/leadconnector/client";
import { isBearerAuthorized } from "@/lib/net/bearer";

/**
 * Prometheus metrics. Next compiles route handlers, server actions and instrumentation into separate module
 * graphs in one process, so the registry and every metric live on globalThis (Symbol.for) and are created once.
 * Figures every process must agree on (outbox depth, pauses, budgets) are read from PostgreSQL at scrape time.
 */

export type SubmissionOutcome = "accepted" | "held" | "rejected";
export type UpstreamAction = "create" | "lookup" | "add_tags";
export type StatusClass = "2xx" | "3xx" | "4xx" | "5xx" | "network" | "timeout";

const OUTBOX_STATUSES = ["PENDING", "RETRYING", "DELIVERED", "FAILED", "HELD"];

function build() {
  const registry = new Registry();
  /** The database the scrape-time gauges read; the metrics route sets it before each scrape. */
  const source: { database: Database | null } = { database: null };
  const read = async <T>(query: (db: Database) => Promise<T>): Promise<T | null> => {
    if (!source.database) return null;
    try {
      return await query(source.database);
    } catch {
      return null; // leadrelay_database_up says why the other figures are missing
    }
  };

  const submissions = new Counter({
    name: "leadrelay_submissions_total",
    help: "Form posts by form and outcome (accepted; held or rejected, with the reason).",
    labelNames: ["form", "outcome", "reason"] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "leadrelay_deliveries_total",
    help: "Delivery runs by where they left the submission (delivered, retry, failed, paused, deferred).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: "leadrelay_upstream_request_duration_seconds",
    help: "LeadConnector calls by action and status class, with their duration.",
    labelNames: ["action", "status_class"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const inFlight = new Gauge({ name: "leadrelay_dispatcher_runs_in_flight", help: "Delivery runs this process has under way.", registers: [registry] });

  new Gauge({
    name: "leadrelay_database_up",
    help: "1 when the scrape could read PostgreSQL, else 0 (and the outbox figures are missing).",
    registers: [registry],
    async collect() {
      this.set((await read((db) => db.$queryRaw`SELECT 1`)) === null ? 0 : 1);
    },
  });
  new Gauge({
    name: "leadrelay_outbox_submissions",
    help: "Submissions in the outbox by status.",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const groups = await read((db) => db.submission.groupBy({ by: ["status"], _count: { _all: true } }));
      if (!groups) return;
      const counts = new Map<string, number>(groups.map((g) => [g.status, g._count._all]));
      for (const status of OUTBOX_STATUSES) this.set({ status: status.toLowerCase() }, counts.get(status) ?? 0);
    },
  });
  new Gauge({
    name: "leadrelay_outbox_oldest_due_age_seconds",
    help: "How long the oldest due submission has been due (0 when none is).",
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await read(
        (db) =>
          db.$queryRaw<{ age: number | null }[]>`
          SELECT EXTRACT(EPOCH FROM (now() - min("nextAttemptAt")))::float8 AS age
          FROM "Submission" WHERE status IN ('PENDING', 'RETRYING') AND "nextAttemptAt" <= now()`,
      );
      if (rows) this.set(Math.max(0, rows[0]?.age ?? 0));
    },
  });
  new Gauge({
    name: "leadrelay_location_paused",
    help: "1 while LeadConnector refuses a location's token and its deliveries wait, else 0.",
    labelNames: ["location"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // Every location the site knows of: configured ones, and any a budget was kept for (the env's default may have no row yet).
      const known = await read((db) =>
        Promise.all([db.location.findMany({ select: { id: true, pausedAt: true } }), db.rateBudget.findMany({ select: { locationId: true } })]),
      );
      if (!known) return;
      for (const { locationId } of known[1]) this.set({ location: locationId }, 0);
      for (const l of known[0]) this.set({ location: l.id }, l.pausedAt ? 1 : 0);
    },
  });
  const budgets = () =>
    read((db) => db.rateBudget.findMany({ select: { locationId: true, remaining: true, dailyLimit: true, dailyRemaining: true, dailyResetAt: true } }));
  new Gauge({
    name: "leadrelay_leadconnector_rate_remaining",
    help: "X-RateLimit-Remaining of the latest answer per location: calls left in the burst window.",
    labelNames: ["location"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const b of (await budgets()) ?? []) if (b.remaining !== null) this.set({ location: b.locationId }, b.remaining);
    },
  });
  new Gauge({
    name: "leadrelay_leadconnector_daily_remaining",
    help: "X-RateLimit-Daily-Remaining of the latest answer per location.",
    labelNames: ["location"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const b of (await budgets()) ?? []) if (b.dailyRemaining !== null) this.set({ location: b.locationId }, b.dailyRemaining);
    },
  });
  new Gauge({
    name: "leadrelay_leadconnector_daily_limit",
    help: "X-RateLimit-Limit-Daily of the latest answer per location.",
    labelNames: ["location"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const b of (await budgets()) ?? []) if (b.dailyLimit !== null) this.set({ location: b.locationId }, b.dailyLimit);
    },
  });
  new Gauge({
    name: "leadrelay_leadconnector_daily_budget_spent",
    help: "1 while a location's daily budget is spent and its submissions wait for the reset, else 0.",
    labelNames: ["location"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const b of (await budgets()) ?? [])
        this.set({ location: b.locationId }, b.dailyRemaining !== null && b.dailyRemaining <= 0 && b.dailyResetAt && b.dailyResetAt.getTime() > now ? 1 : 0);
    },
  });

  return { registry, source, submissions, deliveries, upstreamDuration, inFlight };
}

type Metrics = ReturnType<typeof build>;
const METRICS = Symbol.for("leadrelay.metrics");
const globalForMetrics = globalThis as unknown as { [METRICS]?: Metrics };

function metrics(): Metrics {
  return (globalForMetrics[METRICS] ??= build());
}

/** The metric families /api/metrics exports (histograms also as _bucket, _sum and _count). */
export function exportedMetricNames(): string[] {
  return metrics()
    .registry.getMetricsAsArray()
    .map((metric) => metric.name);
}

/** Who may scrape: nobody when METRICS_TOKEN is unset (the endpoint does not exist), else only its bearer (compared in constant time). */
export function scrapeAccess(authorization: string | null, token: string | undefined): "absent" | "refused" | "allowed" {
  if (!token) return "absent";
  return isBearerAuthorized(authorization, token) ? "allowed" : "refused";
}

/** Prometheus text for a scrape, with the outbox figures read from `database` now. */
export async function metricsText(database: Database): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  m.source.database = database;
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}

/** Reasons are short codes from lib/abuse and lib/submission; anything else is folded into "other" so labels stay bounded. */
const REASON = /^[a-z][a-z0-9_-]{0,39}$/;

/** A form post's outcome; form ids outside the catalog count as "unknown" so a forged id cannot add a series. */
export function countSubmission(formId: string, outcome: SubmissionOutcome, reason?: string) {
  const form = formCatalog().find(formId) ? formId : "unknown";
  const labels = outcome === "accepted" ? { form, outcome } : { form, outcome, reason: reason && REASON.test(reason) ? reason : "other" };
  metrics().submissions.inc(labels);
}

export function countDelivery(outcome: "delivered" | "retry" | "failed" | "paused" | "deferred") {
  metrics().deliveries.inc({ outcome });
}

export function statusClass(call: LeadConnectorCall): StatusClass {
  if (call.kind !== "response") return call.kind;
  return `${Math.min(5, Math.max(2, Math.floor(call.status / 100)))}xx` as StatusClass;
}

export function observeUpstreamCall(action: UpstreamAction, call: LeadConnectorCall) {
  metrics().upstreamDuration.observe({ action, status_class: statusClass(call) }, call.durationMs / 1000);
}

/** Counts a delivery run for as long as `run` lasts. */
export function trackInFlight<T>(run: Promise<T>): Promise<T> {
  const gauge = metrics().inFlight;
  gauge.inc();
  return run.finally(() => gauge.dec());
}
