"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { moduleLog } from "@/lib/log/logger";
import { applyBulk, type BulkAction } from "@/lib/outbox/bulk";
import { filterForAudit } from "@/lib/outbox/filter";
import { decodeCursor, encodeCursor } from "@/lib/outbox/listing";
import { processDispatcher } from "@/lib/outbox/runtime";
import { dashboardAction } from "./authorize";
import { bulkSummary, type BulkState } from "./bulk-summary";
import { readOutboxView } from "./outbox-view";

/** Rows one call looks at: a call stays short, and the browser calls again with `after` (showing progress) until done. */
const ROWS_PER_CALL = 5000;

const request = z.object({
  intent: z.string().regex(/^(retry|release|discard)-(selected|all)$/, "Choose an action"),
  ids: z.array(z.uuid()).max(1000),
  /** The list's filter as its URL carries it (search sealed): "all matching" is what the page counted. */
  filter: z.string().max(4000),
  discardReason: z.string().trim().max(200, "Say it in at most 200 characters"),
  /** Set by the browser when it goes on with a run: where the previous call stopped, and the totals so far. */
  after: z.string().max(100),
  changed: z.coerce.number().int().min(0).default(0),
  skipped: z.coerce.number().int().min(0).default(0),
});

/**
 * Dashboard action: retry (Failed), release (Held) or discard (Pending, Retrying, Failed, Held; with a reason) the ticked
 * submissions or every one matching the filter, ROWS_PER_CALL rows a call. Rows a dispatcher holds or that changed
 * meanwhile are skipped and counted. Each call's audit entry names the ids, or the filter and counts.
 */
export const bulkOutbox = dashboardAction("outbox.bulk", "act", async (context, _previous: BulkState, formData: FormData): Promise<BulkState> => {
  const text = (name: string) => String(formData.get(name) ?? "");
  const parsed = request.safeParse({
    intent: formData.get("intent"),
    ids: formData.getAll("ids"),
    filter: text("filter"),
    discardReason: text("discardReason"),
    after: text("after"),
    changed: text("changed") || 0,
    skipped: text("skipped") || 0,
  });
  if (!parsed.success) {
    context.note({ detail: { outcome: "invalid" } });
    return { status: "error", message: parsed.error.issues[0].message };
  }
  const { intent, ids, discardReason } = parsed.data;
  const [action, scope] = intent.split("-") as [BulkAction, "selected" | "all"];
  if (action === "discard" && !discardReason) return invalidNote(context, "Say why these are discarded (the reason is kept with them).");
  if (scope === "selected" && ids.length === 0) return invalidNote(context, "Tick the submissions to act on first.");
  const { filter } = readOutboxView(new URLSearchParams(parsed.data.filter), env().AUTH_SECRET!);
  const selection = scope === "all" ? { filter } : { ids };
  const step = await applyBulk(db(), action, selection, {
    reason: discardReason,
    after: decodeCursor(parsed.data.after),
    maxRows: ROWS_PER_CALL,
  });
  context.note({
    submissionIds: scope === "selected" ? ids : [],
    // The search term is personal data: the audit log says only that there was one.
    detail: { intent, filter: scope === "all" ? filterForAudit(filter) : null, changed: step.changed, skipped: step.skipped, reason: discardReason || null },
  });
  if (action !== "discard" && step.changed > 0)
    after(() =>
      processDispatcher()
        .runOnce()
        .catch((err) => moduleLog("dashboard").error({ err }, "delivery after a bulk action failed")),
    );
  const totals = { changed: parsed.data.changed + step.changed, skipped: parsed.data.skipped + step.skipped };
  if (step.next) return { status: "working", action, ...totals, after: encodeCursor(step.next), message: bulkSummary(action, totals, true) };
  revalidatePath("/dashboard");
  return { status: "done", action, ...totals, message: bulkSummary(action, totals, false) };
});

function invalidNote(context: { note: (entry: { detail: { outcome: string } }) => void }, message: string): BulkState {
  context.note({ detail: { outcome: "invalid" } });
  return { status: "error", message };
}
