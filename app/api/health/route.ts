import { db } from "@/lib/db/client";
import { requestLog } from "@/lib/log/logger";

export const dynamic = "force-dynamic";

/**
 * Liveness, public: only whether the process answers and reaches its database. Outbox depth, pauses and
 * rejections are for operators (`npm run outbox:stats`, `/api/metrics`), not for whoever probes the site.
 */
export async function GET(request: Request) {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "up" });
  } catch (error) {
    requestLog(request.headers, { module: "health" }).error({ err: error }, "database check failed");
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
