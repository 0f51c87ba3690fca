import { recordAudit } from "@/lib/audit/log";
import { currentUser } from "@/lib/auth";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { exportHeld, identifierHash, identify } from "@/lib/privacy/requests";

/**
 * A person's data as a download, JSON or CSV. A POST, so the email or phone travels in the body, never in a URL or an
 * access log; admins only, checked here whatever the request gate did; every export is on the audit log.
 */
export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  if (!can(user.role, "admin")) return new Response("Only admins may export a person's data.", { status: 403 });
  const form = await request.formData();
  const identifier = identify(String(form.get("identifier") ?? ""), String(form.get("country") || "US"));
  if (!identifier) return new Response("Enter an email address or a phone number.", { status: 400 });
  const format = form.get("format") === "csv" ? "csv" : "json";
  const data = await exportHeld(db(), identifier);
  await recordAudit(db(), {
    actor: user,
    action: "privacy.export",
    submissionIds: data.submissions.map((s) => s.id),
    detail: { identifierKind: identifier.kind, identifierHash: identifierHash(identifier, env().PRIVACY_HASH_KEY ?? env().AUTH_SECRET!), format },
  });
  const name = `leadrelay-person-${new Date().toISOString().slice(0, 10)}.${format}`;
  const body = format === "json" ? JSON.stringify(data, null, 2) : toCsv(data.submissions);
  return new Response(format === "csv" ? `\uFEFF${body}` : body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}

/** One row per submission; structured parts as JSON in their cell. Cells a spreadsheet would run as a formula are quoted. */
function toCsv(submissions: Awaited<ReturnType<typeof exportHeld>>["submissions"]) {
  const header = ["id", "form", "submittedAt", "status", "values", "consent", "attribution", "contactId", "attempts"];
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const rows = submissions.map((s) =>
    [s.id, s.form, s.submittedAt, s.status, s.values, s.consent, s.attribution, s.leadConnector.contactId, s.attempts].map(cell).join(","),
  );
  return [header.join(","), ...rows].join("\r\n") + "\r\n";
}
