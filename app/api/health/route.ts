import { db } from "@/lib/db/client";
import { outboxStats } from "@/lib/outbox/stats";

export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers and operators: the database's status, outbox depth by status, the oldest due
 * submission's age, paused locations, and turned-away submissions by reason. The route is public, so
 * LeadConnector's refusal messages stay in the dashboard and `npm run outbox:stats`.
 */
export async function GET() {
  try {
    const [stats, rejections] = await Promise.all([outboxStats(db()), db().rejection.findMany({ orderBy: { reason: "asc" } })]);
    return Response.json({
      status: "ok",
      database: "up",
      ...stats,
      pausedLocations: stats.pausedLocations.map(({ id, pausedAt }) => ({ id, pausedAt })),
      rejected: Object.fromEntries(rejections.map((r) => [r.reason, r.count])),
    });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
