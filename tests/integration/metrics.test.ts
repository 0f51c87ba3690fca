import { beforeAll, describe, expect, it } from "vitest";
import { provideForms } from "@/lib/forms/catalog";
import { countSubmission } from "@/lib/observability/metrics";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, LOCATION_ID, submitContact } from "../support/delivery";
import { fixtureForms } from "../../support/forms";

const h = deliveryHarness();
const TOKEN = "m".repeat(40);
let GET: (request: Request) => Promise<Response>;

beforeAll(async () => {
  provideForms(fixtureForms); // as instrumentation.ts provides the site's forms
  // The route reads the process's configuration and database, as under `next start`.
  process.env.METRICS_TOKEN = TOKEN;
  process.env.DATABASE_URL = h.database.url;
  ({ GET } = await import("@/app/api/metrics/route"));
});

const scrape = (authorization?: string) => GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

/** The value of one series in Prometheus text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/api/metrics", () => {
  it("answers only the bearer of METRICS_TOKEN", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
  });

  it("reports known traffic by name and value: submissions, deliveries, upstream calls, the outbox and the location", async () => {
    const { db } = h.database;
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const base = (series: string) => sample(before, series) ?? 0;

    // What lib/submission/actions.ts records for each post.
    countSubmission("contact", "accepted");
    countSubmission("contact", "accepted");
    countSubmission("contact", "rejected", "honeypot");
    countSubmission("no-such-form", "rejected", "Some Free Text <script>");

    h.fake.setRateLimit({ max: 50, intervalMs: 10_000 });
    h.fake.setDailyLimit(1000);
    h.fake.script(
      { status: 201, body: { contact: { id: "c1" } } },
      { status: 503, body: { message: "down" } },
      { status: 422, body: { message: ["email is invalid"] } },
    );
    const dispatcher = dispatcherFor(db, h.fake, {
      rateBudget: (await import("@/lib/outbox/rate-budget")).createRateBudget({ db, max: 50, intervalMs: 10_000 }),
    });
    for (let i = 0; i < 3; i++) await dispatcher.deliverNow(await submitContact(db));
    const waiting = await submitContact(db); // not yet due for anyone: stays PENDING
    await db.submission.update({ where: { id: waiting }, data: { nextAttemptAt: new Date(Date.now() - 120_000) } });
    await db.location.upsert({
      where: { id: "loc_paused" },
      create: { id: "loc_paused", name: "Paused", pausedAt: new Date() },
      update: { pausedAt: new Date() },
    });

    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    const delta = (series: string) => (sample(text, series) ?? 0) - base(series);
    expect(delta('leadrelay_submissions_total{form="contact",outcome="accepted"}')).toBe(2);
    expect(delta('leadrelay_submissions_total{form="contact",outcome="rejected",reason="honeypot"}')).toBe(1);
    // Unknown form ids and free-text reasons are folded, so no label grows without bound.
    expect(delta('leadrelay_submissions_total{form="unknown",outcome="rejected",reason="other"}')).toBe(1);
    expect(text).not.toContain("no-such-form");
    expect(text).not.toContain("script");

    expect(delta('leadrelay_deliveries_total{outcome="delivered"}')).toBe(1);
    expect(delta('leadrelay_deliveries_total{outcome="retry"}')).toBe(1);
    expect(delta('leadrelay_deliveries_total{outcome="failed"}')).toBe(1);
    expect(delta('leadrelay_upstream_request_duration_seconds_count{action="create",status_class="2xx"}')).toBe(1);
    expect(delta('leadrelay_upstream_request_duration_seconds_count{action="create",status_class="5xx"}')).toBe(1);
    expect(delta('leadrelay_upstream_request_duration_seconds_count{action="create",status_class="4xx"}')).toBe(1);
    expect(sample(text, "leadrelay_dispatcher_runs_in_flight")).toBe(0);

    expect(sample(text, "leadrelay_database_up")).toBe(1);
    expect(sample(text, 'leadrelay_outbox_submissions{status="delivered"}')).toBe(1);
    expect(sample(text, 'leadrelay_outbox_submissions{status="retrying"}')).toBe(1);
    expect(sample(text, 'leadrelay_outbox_submissions{status="failed"}')).toBe(1);
    expect(sample(text, 'leadrelay_outbox_submissions{status="pending"}')).toBe(1);
    expect(sample(text, "leadrelay_outbox_oldest_due_age_seconds")).toBeGreaterThanOrEqual(119);
    expect(sample(text, 'leadrelay_location_paused{location="loc_paused"}')).toBe(1);
    expect(sample(text, `leadrelay_location_paused{location="${LOCATION_ID}"}`)).toBe(0);
    expect(sample(text, `leadrelay_leadconnector_rate_remaining{location="${LOCATION_ID}"}`)).toBe(47);
    expect(sample(text, `leadrelay_leadconnector_daily_remaining{location="${LOCATION_ID}"}`)).toBe(997);
    expect(sample(text, `leadrelay_leadconnector_daily_limit{location="${LOCATION_ID}"}`)).toBe(1000);
    expect(sample(text, `leadrelay_leadconnector_daily_budget_spent{location="${LOCATION_ID}"}`)).toBe(0);
    // Personal data never reaches a label.
    const { email } = (await db.submission.findUniqueOrThrow({ where: { id: waiting } })).fields as { email: string };
    expect(text).not.toContain(email);
    expect(text).not.toContain("Lovelace");
  });
});
