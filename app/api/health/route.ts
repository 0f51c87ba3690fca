import { db } from "@/lib/db/client";
import { outboxStats } from "@/lib/outbox/stats";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and operators: the database's status, outbox depth by status, the oldest due submission's age, paused locations. */
export async function GET() {
  try {
    return Response.json({ status: "ok", database: "up", ...(await outboxStats(db())) });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
