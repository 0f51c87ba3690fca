import { db } from "@/lib/db/client";
import { outboxCounts } from "@/lib/outbox/queries";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and operators: the database's status, the outbox by status, and turned-away submissions by reason. */
export async function GET() {
  try {
    const [outbox, rejections] = await Promise.all([outboxCounts(db()), db().rejection.findMany({ orderBy: { reason: "asc" } })]);
    return Response.json({ status: "ok", database: "up", outbox, rejected: Object.fromEntries(rejections.map((r) => [r.reason, r.count])) });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
