import { recordAudit } from "@/lib/audit/log";
import { requirePermissionForRequest } from "@/lib/auth/guard";
import { env } from "@/lib/config/env";
import { readOutboxView } from "@/lib/dashboard/outbox-view";
import { db, poolOf } from "@/lib/db/client";
import { formCatalog } from "@/lib/forms/catalog";
import { exportFilename, exportOutboxCsv } from "@/lib/outbox/export";
import { filterForAudit } from "@/lib/outbox/filter";

export const dynamic = "force-dynamic";

/** Export CSV: the rows matching the dashboard's filter (search sealed in `q`), streamed; who took them is audited. */
export async function GET(request: Request): Promise<Response> {
  const user = await requirePermissionForRequest("export");
  if (user instanceof Response) return user;
  const { filter, searchIgnored } = readOutboxView(new URL(request.url).searchParams, env().AUTH_SECRET!);
  // Exporting without a search the link asked for would hand out more rows than the person chose.
  if (searchIgnored)
    return new Response("The search in this link could not be read; search again on the dashboard, then export.\n", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const { rows, stream } = await exportOutboxCsv(poolOf(db()), formCatalog(), filter);
  // Written before the first byte leaves: taking personal data out is on record even if the download is cut short.
  try {
    await recordAudit(db(), { actor: user, action: "outbox.export", detail: { filter: filterForAudit(filter), rows } });
  } catch (error) {
    await stream.cancel(); // gives the cursor's connection back
    throw error;
  }
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFilename()}"`,
      "cache-control": "no-store",
    },
  });
}
