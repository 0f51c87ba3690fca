import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { metricsText, scrapeAccess } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape target, behind `Authorization: Bearer $METRICS_TOKEN`; absent (404) when no token is set. */
export async function GET(request: Request) {
  const access = scrapeAccess(request.headers.get("authorization"), env().METRICS_TOKEN);
  if (access === "absent") return new Response("Not found", { status: 404 });
  if (access === "refused") return new Response("Unauthorized", { status: 401, headers: { "www-authenticate": "Bearer" } });
  const { contentType, body } = await metricsText(db());
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
