import { db } from "@/lib/db/client";
import { outboxCounts } from "@/lib/outbox/queries";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and operators: the database's status and the outbox by status. */
export async function GET() {
  try {
    const outbox = await outboxCounts(db());
    return Response.json({ status: "ok", database: "up", outbox });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
