import { createHmac, hkdfSync } from "node:crypto";
import { recordAudit, type Actor } from "@/lib/audit/log";
import type { Database } from "@/lib/db/client";
import { normalizePhone } from "@/lib/forms/normalize";
import type { LocationDirectory } from "@/lib/locations/directory";
import { withWording } from "@/lib/submission/consent";
import { countDeletions, deleteContacts, uniqueContacts, type ContactDeletion, type UpstreamContact } from "./upstream";

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

/** What is held on a person; `contacts` counts the LeadConnector contacts their submissions became, each once. */
export type Found = { submissions: number; attempts: number; auditEntries: number; signInFailures: number; contacts: number };

/** Counts what is held on the person, everywhere it can be. */
export async function findHeld(db: Database, identifier: Identifier): Promise<Found> {
  const [row] = await db.$queryRawUnsafe<{ submissions: bigint; attempts: bigint; audit: bigint; failures: bigint; contacts: bigint }[]>(
    `WITH matched AS (SELECT s.id, s."locationId", s."contactId" FROM "Submission" s WHERE ${MATCHING})
     SELECT (SELECT count(*) FROM matched) AS submissions,
       (SELECT count(*) FROM "DeliveryAttempt" a WHERE a."submissionId" IN (SELECT id FROM matched)) AS attempts,
       (SELECT count(*) FROM "AuditEntry" e WHERE e."actorEmail" = $1 OR strpos(e.detail::text, $1) > 0
          OR e."submissionIds" && ARRAY(SELECT id FROM matched)) AS audit,
       (SELECT count(*) FROM "SignInFailure" f WHERE f.email = $1) AS failures,
       (SELECT count(DISTINCT ("locationId", "contactId")) FROM matched WHERE "contactId" IS NOT NULL) AS contacts`,
    identifier.value,
  );
  return {
    submissions: Number(row.submissions),
    attempts: Number(row.attempts),
    auditEntries: Number(row.audit),
    signInFailures: Number(row.failures),
    contacts: Number(row.contacts),
  };
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

export type Erased = Found & {
  identifierHash: string;
  /** The LeadConnector contacts the submissions became, each once, as they were before the erasure cleared them. */
  upstreamContacts: UpstreamContact[];
  /** Each contact's delete in LeadConnector, when it was asked for; null when not. */
  upstream: ContactDeletion[] | null;
};

/**
 * Removes the person's data from every row that holds it, in one transaction: submission values and everything
 * derived from them, attempt requests and answers, audit entries that quote them (the log's trigger lets an
 * erasure through, and nothing else), failed sign-ins under the email. A submission not yet delivered becomes
 * Discarded and loses its lease, so no run in flight can release it as delivered and no later run sends it. Rows
 * stay, empty, as the record that a lead came and what became of it; the audit log records the erasure with a keyed
 * hash and counts only.
 *
 * The contact ids go too: with HighLevel's copy they name the person, and the person asked for erasure. They are
 * read under the rows' lock first, and with `upstream` each contact is then deleted in LeadConnector. That comes
 * after the local erasure is committed, which never waits for (or depends on) HighLevel's answer.
 */
export async function eraseHeld(
  db: Database,
  identifier: Identifier,
  { actor, hashKey, upstream = null }: { actor: Actor; hashKey: string; upstream?: LocationDirectory | null },
): Promise<Erased> {
  const hash = identifierHash(identifier, hashKey);
  const { found, contacts } = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('leadrelay.erasure', 'on', true)`;
    const held = await tx.$queryRawUnsafe<{ id: string; locationId: string; contactId: string | null }[]>(
      `SELECT s.id, s."locationId", s."contactId" FROM "Submission" s WHERE ${MATCHING} FOR UPDATE`,
      identifier.value,
    );
    const ids = held.map((s) => s.id);
    const found = await findHeld(tx as unknown as Database, identifier);
    await tx.$executeRawUnsafe(
      `WITH attempts AS (
         UPDATE "DeliveryAttempt" a SET
           request = jsonb_build_object('method', a.request->'method',
             'url', regexp_replace(regexp_replace(a.request->>'url', '\\?.*$', ''), '/contacts/[^/]+/tags$', '/contacts/[erased]/tags'), 'erased', true),
           "responseExcerpt" = NULL,
           error = regexp_replace(replace(a.error, $1, '[erased]'), '(HTTP [0-9]{3}):.*', '\\1: [erased]')
         WHERE a."submissionId" = ANY($2::uuid[]))
       UPDATE "Submission" s SET
         fields = '{}'::jsonb, "pageUrl" = NULL, consent = NULL, attribution = NULL, fingerprint = NULL, "idempotencyKey" = NULL,
         "visitorTimezone" = NULL, "searchText" = NULL, "lastError" = regexp_replace(replace(s."lastError", $1, '[erased]'), '(HTTP [0-9]{3}):.*', '\\1: [erased]'),
         "contactId" = NULL, "contactLink" = NULL,
         status = CASE WHEN s.status IN ('PENDING', 'RETRYING', 'FAILED', 'HELD') THEN 'DISCARDED'::"SubmissionStatus" ELSE s.status END,
         -- A marketer's reason is free text, and may quote the person.
         "discardReason" = CASE WHEN s.status IN ('PENDING', 'RETRYING', 'FAILED', 'HELD') THEN 'Erased at the person''s request'
           WHEN s."discardReason" IS NOT NULL THEN '[erased]' END,
         "lockedBy" = NULL, "lockedUntil" = NULL, "scrubbedAt" = now(), "updatedAt" = now()
       WHERE s.id = ANY($2::uuid[])`,
      identifier.value,
      ids,
    );
    await tx.$executeRawUnsafe(
      `UPDATE "AuditEntry" SET detail = replace(detail::text, $1, '[erased]')::jsonb,
         "actorEmail" = CASE WHEN "actorEmail" = $1 THEN '[erased]' ELSE "actorEmail" END
       WHERE "actorEmail" = $1 OR strpos(detail::text, $1) > 0`,
      identifier.value,
    );
    // Entries about these submissions may quote the person in other words: an edit's before and after, a discard's reason.
    await tx.$executeRawUnsafe(
      `UPDATE "AuditEntry" e SET detail = e.detail
         || CASE WHEN jsonb_typeof(e.detail->'changes') = 'object' THEN jsonb_build_object('changes', (
              SELECT coalesce(jsonb_object_agg(k, '{"before": "[erased]", "after": "[erased]"}'::jsonb), '{}'::jsonb)
              FROM jsonb_object_keys(e.detail->'changes') k)) ELSE '{}'::jsonb END
         || CASE WHEN jsonb_typeof(e.detail->'reason') = 'string' THEN '{"reason": "[erased]"}'::jsonb ELSE '{}'::jsonb END
       WHERE e."submissionIds" && $1::uuid[] AND (jsonb_typeof(e.detail->'changes') = 'object' OR jsonb_typeof(e.detail->'reason') = 'string')`,
      ids,
    );
    await tx.signInFailure.deleteMany({ where: { email: identifier.value } });
    return { found, contacts: uniqueContacts(held) };
  });
  const deletions = upstream ? await deleteContacts(upstream, contacts) : null;
  await recordAudit(db, {
    actor,
    action: "privacy.erase",
    detail: { identifierKind: identifier.kind, identifierHash: hash, ...found, upstream: deletions ? countDeletions(deletions) : null },
  });
  return { ...found, identifierHash: hash, upstreamContacts: contacts, upstream: deletions };
}
