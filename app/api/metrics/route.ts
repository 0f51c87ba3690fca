import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { metricsText } from "@/lib/observability/metrics";
import { isBearerAuthorized } from "@/lib/outbox/scheduled";

export const dynamic = "force-dynamic";

/** Prometheus scrape target, behind `Authorization: Bearer $METRICS_TOKEN`; absent (404) when no token is set. */
export async function GET(request: Request) {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not found", { status: 404 });
  if (!isBearerAuthorized(request.headers.get("authorization"), token)) return new Response("Unauthorized", { status: 401, headers: { "www-authenticate": "Bearer" } });
  const { contentType, body } = await metricsText(db());
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
