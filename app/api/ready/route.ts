import { db } from "@/lib/db/client";
import { migrationsApplied } from "@/lib/db/migrate";
import { requestLog } from "@/lib/log/logger";

export const dynamic = "force-dynamic";

/** Readiness for load balancers: the database answers and every migration this build ships is applied. */
export async function GET(request: Request) {
  try {
    const database = db();
    await database.$queryRaw`SELECT 1`;
    const readiness = await migrationsApplied((sql) => database.$queryRawUnsafe(sql));
    if (readiness.ready) return Response.json({ status: "ready" });
    requestLog(request.headers, { module: "ready" }).warn({ reason: readiness.reason }, "not ready");
    return Response.json({ status: "not ready", reason: readiness.reason }, { status: 503 });
  } catch (error) {
    requestLog(request.headers, { module: "ready" }).error({ err: error }, "database check failed");
    return Response.json({ status: "not ready", reason: "database unreachable" }, { status: 503 });
  }
}
