import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { housekeeping } from "@/lib/maintenance/housekeeping";
import { processDispatcher } from "@/lib/outbox/runtime";
import { drainFor, isDispatchAuthorized } from "@/lib/outbox/scheduled";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

// Serverless hosts have no dispatch loop to tidy between batches: each scheduled call does (retention at most hourly).
let tidy: (() => Promise<void>) | undefined;

/**
 * For hosts without a long-lived process (serverless): a scheduler POSTs here with
 * `Authorization: Bearer $DISPATCH_SECRET` every minute or so; each call delivers for up to `?budgetMs` (default 20 s, at most 50 s).
 */
export async function POST(request: Request) {
  const secret = env().DISPATCH_SECRET;
  if (!secret) return Response.json({ error: "Set DISPATCH_SECRET to enable scheduled dispatch." }, { status: 404 });
  if (!isDispatchAuthorized(request.headers.get("authorization"), secret)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  const asked = Number(new URL(request.url).searchParams.get("budgetMs") ?? 20_000);
  const budgetMs = Number.isFinite(asked) ? Math.min(Math.max(asked, 0), 50_000) : 20_000;
  await (tidy ??= housekeeping(db(), env()))();
  return Response.json(await drainFor(processDispatcher(), budgetMs));
}
