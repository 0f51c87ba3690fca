import { createHmac, hkdfSync } from "node:crypto";
import { recordAudit, type Actor } from "@/lib/audit/log";
import type { Database } from "@/lib/db/client";
import { normalizePhone } from "@/lib/forms/normalize";
import { withWording } from "@/lib/submission/consent";

// A person's requests about the data held on them (GDPR Art. 15 and 17): find it, export it, erase it. Found by the
// identifier as it is stored: an email lowercased, a phone number in E.164.

export type Identifier = { kind: "email" | "phone"; value: string };

/** The identifier as stored, from whatever was typed; null when it is neither an email address nor a phone number. */
export function identify(input: string, defaultCountry = "US"): Identifier | null {
  const typed = input.trim();
  if (typed.includes("@")) return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed) ? { kind: "email", value: typed.toLowerCase() } : null;
  const phone = normalizePhone(typed, defaultCountry as Parameters<typeof normalizePhone>[1]);
  return phone.ok ? { kind: "phone", value: phone.value } : null;
}

/** A keyed hash of the identifier: the audit log can show that two requests were about the same person, never who. */
export function identifierHash(identifier: Identifier, key: string) {
  return createHmac("sha256", Buffer.from(hkdfSync("sha256", key, "leadrelay", "privacy-identifier", 32)))
    .update(`${identifier.kind}:${identifier.value}`)
    .digest("hex")
    .slice(0, 32);
}

// Submissions holding the identifier as one of their values (any field, any depth).
const MATCHING = `jsonb_path_exists(s.fields, '$.** ? (@ == $v)', jsonb_build_object('v', $1::text))`;

export type Found = { submissions: number; attempts: number; auditEntries: number; signInFailures: number };

/** Counts what is held on the person, everywhere it can be. */
export async function findHeld(db: Database, identifier: Identifier): Promise<Found> {
  const [row] = await db.$queryRawUnsafe<{ submissions: bigint; attempts: bigint; audit: bigint; failures: bigint }[]>(
    `WITH matched AS (SELECT s.id FROM "Submission" s WHERE ${MATCHING})
     SELECT (SELECT count(*) FROM matched) AS submissions,
       (SELECT count(*) FROM "DeliveryAttempt" a WHERE a."submissionId" IN (SELECT id FROM matched)) AS attempts,
       (SELECT count(*) FROM "AuditEntry" e WHERE e."actorEmail" = $1 OR strpos(e.detail::text, $1) > 0
          OR e."submissionIds" && ARRAY(SELECT id FROM matched)) AS audit,
       (SELECT count(*) FROM "SignInFailure" f WHERE f.email = $1) AS failures`,
    identifier.value,
  );
  return { submissions: Number(row.submissions), attempts: Number(row.attempts), auditEntries: Number(row.audit), signInFailures: Number(row.failures) };
}

/** Everything held on the person, as they may ask for it: values, consent, attribution, delivery history, contact ids. */
export async function exportHeld(db: Database, identifier: Identifier) {
  const submissions = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT s.id FROM "Submission" s WHERE ${MATCHING} ORDER BY s."createdAt"`, identifier.value);
  const ids = submissions.map((s) => s.id);
  const [rows, audit] = await Promise.all([
    db.submission.findMany({
      where: { id: { in: ids } },
      orderBy: { createdAt: "asc" },
      include: { attempts: { orderBy: { startedAt: "asc" } } },
    }),
    db.$queryRawUnsafe<{ at: Date; action: string; actorEmail: string | null; submissionIds: string[]; detail: unknown }[]>(
      `SELECT at, action, "actorEmail", "submissionIds", detail FROM "AuditEntry" e
       WHERE e."actorEmail" = $1 OR strpos(e.detail::text, $1) > 0 OR e."submissionIds" && $2::uuid[] ORDER BY id`,
      identifier.value,
      ids,
    ),
  ]);
  // Each consent record with the wording the person was shown, so the export proves what they agreed to.
  const consents = await withWording(
    db,
    rows.map((s) => s.consent),
  );
  return {
    identifier: identifier.value,
    exportedAt: new Date().toISOString(),
    submissions: rows.map((s, index) => ({
      id: s.id,
      form: s.formId,
      submittedAt: s.createdAt.toISOString(),
      status: s.status,
      values: s.fields,
      consent: consents[index],
      attribution: s.attribution,
      pageUrl: s.pageUrl,
      partner: s.partnerId,
      leadConnector: { locationId: s.locationId, contactId: s.contactId, linked: s.contactLink, assignedTo: s.assignedTo },
      deliveredAt: s.deliveredAt?.toISOString() ?? null,
      attempts: s.attempts.map((a) => ({
        at: a.startedAt.toISOString(),
        action: a.action,
        request: a.request,
        httpStatus: a.httpStatus,
        outcome: a.outcome,
        answer: a.responseExcerpt,
        error: a.error,
      })),
    })),
    auditEntries: audit.map((e) => ({ at: e.at.toISOString(), action: e.action, by: e.actorEmail, submissions: e.submissionIds, detail: e.detail })),
  };
}

export type Erased = Found & { identifierHash: string };

/**
 * Removes the person's data from every row that holds it, in one transaction: submission values and everything
 * derived from them, attempt requests and answers, audit entries that quote them (the log's trigger lets an erasure
 * through, and nothing else), failed sign-ins under the email. A submission not yet delivered becomes Discarded and
 * loses its lease, so no run in flight can release it as delivered and no later run sends it. Rows stay, empty, as
 * the record that a lead came and what became of it; the audit log records the erasure with a keyed hash only.
 */
export async function eraseHeld(db: Database, identifier: Identifier, { actor, hashKey }: { actor: Actor; hashKey: string }): Promise<Erased> {
  const hash = identifierHash(identifier, hashKey);
  const found = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('leadrelay.erasure', 'on', true)`;
    const found = await findHeld(tx as unknown as Database, identifier);
    await tx.$executeRawUnsafe(
      `WITH matched AS (SELECT s.id FROM "Submission" s WHERE ${MATCHING} FOR UPDATE),
       attempts AS (
         UPDATE "DeliveryAttempt" a SET
           request = jsonb_build_object('method', a.request->'method', 'url', regexp_replace(a.request->>'url', '\\?.*$', ''), 'erased', true),
           "responseExcerpt" = NULL,
           error = regexp_replace(replace(a.error, $1, '[erased]'), '(HTTP [0-9]{3}):.*', '\\1: [erased]')
         WHERE a."submissionId" IN (SELECT id FROM matched))
       UPDATE "Submission" s SET
         fields = '{}'::jsonb, "pageUrl" = NULL, consent = NULL, attribution = NULL, fingerprint = NULL, "idempotencyKey" = NULL,
         "visitorTimezone" = NULL, "searchText" = NULL, "lastError" = regexp_replace(replace(s."lastError", $1, '[erased]'), '(HTTP [0-9]{3}):.*', '\\1: [erased]'),
         status = CASE WHEN s.status IN ('PENDING', 'RETRYING', 'FAILED', 'HELD') THEN 'DISCARDED'::"SubmissionStatus" ELSE s.status END,
         "discardReason" = CASE WHEN s.status IN ('PENDING', 'RETRYING', 'FAILED', 'HELD') THEN 'Erased at the person''s request' ELSE s."discardReason" END,
         "lockedBy" = NULL, "lockedUntil" = NULL, "scrubbedAt" = now(), "updatedAt" = now()
       WHERE s.id IN (SELECT id FROM matched)`,
      identifier.value,
    );
    await tx.$executeRawUnsafe(
      `UPDATE "AuditEntry" SET detail = replace(detail::text, $1, '[erased]')::jsonb,
         "actorEmail" = CASE WHEN "actorEmail" = $1 THEN '[erased]' ELSE "actorEmail" END
       WHERE "actorEmail" = $1 OR strpos(detail::text, $1) > 0`,
      identifier.value,
    );
    await tx.signInFailure.deleteMany({ where: { email: identifier.value } });
    return found;
  });
  await recordAudit(db, { actor, action: "privacy.erase", detail: { identifierKind: identifier.kind, identifierHash: hash, ...found } });
  return { ...found, identifierHash: hash };
}
