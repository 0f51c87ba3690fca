import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers: is the process up and the database reachable. Public, so it tells a bot nothing
 * more: outbox depth, paused locations and turned-away posts are on the dashboard and in `npm run outbox:stats`.
 */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "up" });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
