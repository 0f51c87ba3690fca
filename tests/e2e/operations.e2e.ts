// What an operator, a load balancer, a scraper and a scheduler see: health, readiness, metrics and the dispatch endpoint.
import { DISPATCH_SECRET, METRICS_TOKEN } from "./ports";
import { DELIVERY_TIMEOUT, expect, newLead, submitLead, test } from "./fixtures";

test("/api/health tells the public only that the site and its database are up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "up" });
});

test("/api/ready answers 200 once the database is reachable and every migration is applied", async ({ request }) => {
  const response = await request.get("/api/ready");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ready" });
});

/** One series' value in Prometheus text (0 when absent). */
const sample = (text: string, series: string) =>
  Number(
    text
      .split("\n")
      .find((l) => l.startsWith(`${series} `))
      ?.slice(series.length + 1) ?? 0,
  );

test("/api/metrics answers only METRICS_TOKEN's bearer, and counts a lead delivered by the web process", async ({ page, request, outbox }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer not-the-token" } })).status()).toBe(401);
  const scrape = async () => {
    const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/plain");
    return response.text();
  };
  const before = await scrape();

  const lead = newLead("metrics");
  await submitLead(page, lead);
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");

  const after = await scrape();
  const delta = (series: string) => sample(after, series) - sample(before, series);
  expect(delta('leadrelay_deliveries_total{outcome="delivered"}')).toBeGreaterThanOrEqual(1);
  expect(delta('leadrelay_upstream_request_duration_seconds_count{action="create",status_class="2xx"}')).toBeGreaterThanOrEqual(1);
  expect(sample(after, "leadrelay_database_up")).toBe(1);
  const { rows } = await outbox.query<{ count: string }>(`SELECT count(*) FROM "Submission" WHERE status = 'DELIVERED'`);
  expect(sample(after, 'leadrelay_outbox_submissions{status="delivered"}')).toBe(Number(rows[0].count));
  expect(after).not.toContain(lead.email);
});

test("POST /api/outbox/dispatch delivers for a scheduler holding the secret, and refuses anyone else", async ({ request }) => {
  expect((await request.post("/api/outbox/dispatch")).status()).toBe(401);
  expect((await request.post("/api/outbox/dispatch", { headers: { authorization: "Bearer not-the-secret" } })).status()).toBe(401);
  const response = await request.post("/api/outbox/dispatch?budgetMs=2000", { headers: { authorization: `Bearer ${DISPATCH_SECRET}` } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ handled: expect.any(Number), more: expect.any(Boolean) });
});
