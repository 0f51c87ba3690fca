import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { poolOf, type Database } from "@/lib/db/client";
import type { HeldReason, Prisma } from "@/lib/db/generated/client";
import type { FormDefinition } from "@/lib/forms/definition";
import { httpUrl } from "@/lib/net/http-url";
import type { Partner } from "@/lib/partners/config";
import { attributionFrom } from "@/lib/outbox/attribution";
import { addressHash, consentRecord, wordingsOf } from "./consent";
import { searchTextOf } from "./search-text";

export type FieldErrors = Record<string, string[]>;

export type AcceptResult =
  | { status: "accepted"; submissionId: string; repeated: boolean }
  | { status: "invalid"; errors: FieldErrors }
  /** The form token already carried another submission: nothing stored. */
  | { status: "spent" };

/** Without a key (no JavaScript), the same form with the same values within this window is the same submission. */
export const REPEAT_WINDOW_MS = 10 * 60 * 1000;

/**
 * Validates a submission against its form's schema and commits it to the outbox, once: a repeated post
 * (double click, browser retry, back-button resubmit) returns the submission the first one made. It is
 * found by the form's idempotency key or, when the post has none (no JavaScript), by the same values from the same page
 * within REPEAT_WINDOW_MS. A token carries one submission: a post of other values with a spent token stores nothing.
 * A suspect (`held`) is stored as Held, never sent until a person releases it.
 * Nothing here talks to LeadConnector: the visitor's answer never waits for it.
 */
export async function acceptSubmission(
  database: Database,
  {
    form,
    input,
    locationId,
    pageUrl,
    referrer,
    partner,
    idempotencyKey = null,
    tokenNonce = null,
    held = null,
    visitorTimezone = null,
    visitor = null,
    now = new Date(),
  }: {
    form: FormDefinition;
    input: Record<string, unknown>;
    locationId: string;
    pageUrl?: string | null;
    referrer?: string | null;
    partner?: Partner | null;
    idempotencyKey?: string | null;
    tokenNonce?: string | null;
    held?: HeldReason | null;
    visitorTimezone?: string | null;
    /** Who gave the consent: the client's address (kept only as a keyed hash, under `hashKey`) and user agent. */
    visitor?: { address: string; userAgent: string | null; hashKey: string } | null;
    now?: Date;
  },
): Promise<AcceptResult> {
  const parsed = form.schema.safeParse(input);
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  const page = httpUrl(pageUrl)?.toString() ?? null;
  const values = toJson(parsed.data);
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([form.id, page, sorted(values)]))
    .digest("hex");
  const data: OutboxRow = {
    formId: form.id,
    locationId,
    fields: values,
    pageUrl: page,
    idempotencyKey,
    tokenNonce,
    fingerprint,
    // A zone the form asks for itself wins; otherwise the browser's, if it names a real IANA zone.
    visitorTimezone: form.fields.some((f) => f.maps === "timezone") ? null : ianaZone(visitorTimezone),
    ...(held ? { status: "HELD" as const, heldReason: held } : {}),
    consent:
      consentRecord(form, parsed.data, {
        at: now,
        pageUrl: page,
        ipHash: visitor ? addressHash(visitor.address, visitor.hashKey) : null,
        userAgent: visitor?.userAgent ?? null,
      }) ?? undefined,
    partnerId: partner?.id ?? null,
    searchText: searchTextOf(form, values),
    attribution: {
      ...attributionFrom({ landingUrl: page, referrer }),
      ...(partner ? { partner: { id: partner.id, name: partner.name, tag: partner.tag } } : {}),
    },
  };

  if (idempotencyKey) {
    // One statement: the unique (form, key) and token indexes make a concurrent repeat wait for the first, then skip.
    const created = await insertOnce(database, data, wordingsOf(form));
    if (created) return { status: "accepted", submissionId: created, repeated: false };
    const earlier = await database.submission.findUnique({ where: { formId_idempotencyKey: { formId: form.id, idempotencyKey } }, select: { id: true } });
    return earlier ? { status: "accepted", submissionId: earlier.id, repeated: true } : { status: "spent" };
  }

  return database.$transaction(async (tx): Promise<AcceptResult> => {
    // Without a key, two posts of the same values (a no-JS double click) arrive together: the second waits here, then finds the first.
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`${form.id}:${fingerprint}`}, 0))`;
    const earlier = await tx.submission.findFirst({
      where: { formId: form.id, fingerprint, createdAt: { gte: new Date(now.getTime() - REPEAT_WINDOW_MS) } },
      select: { id: true },
    });
    if (earlier) return { status: "accepted", submissionId: earlier.id, repeated: true };
    const wordings = wordingsOf(form);
    if (wordings.length > 0) await tx.consentWording.createMany({ data: wordings, skipDuplicates: true });
    const [created] = await tx.submission.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true } });
    return created ? { status: "accepted", submissionId: created.id, repeated: false } : { status: "spent" };
  });
}

/**
 * The hot path's one statement: the row, or null when the key or the token was already used. Through `pg` directly,
 * as Prisma's engine costs ten times the CPU for the same insert. Unnamed: a named (prepared) statement saved nothing
 * measurable here and breaks behind PgBouncer's transaction mode before 1.21. The consent wordings the form shows ride
 * in the same statement (a CTE; a version already stored is skipped), so proving consent costs no round trip.
 */
async function insertOnce(database: Database, row: OutboxRow, wordings: { version: string; wording: string }[]): Promise<string | null> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const { rows } = await poolOf(database).query<{ id: string }>({
    text: `WITH wording AS (
        INSERT INTO "ConsentWording" (version, wording) SELECT * FROM unnest($16::text[], $17::text[]) ON CONFLICT DO NOTHING
      )
      INSERT INTO "Submission" (id, "formId", "locationId", fields, "pageUrl", "idempotencyKey", "tokenNonce", fingerprint,
        "visitorTimezone", status, "heldReason", consent, "partnerId", attribution, "searchText", "updatedAt")
      VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10::"SubmissionStatus", $11::"HeldReason", $12::jsonb, $13, $14::jsonb, $15, now())
      ON CONFLICT DO NOTHING RETURNING id`,
    values: [
      randomUUID(),
      row.formId,
      row.locationId,
      json(row.fields),
      row.pageUrl,
      row.idempotencyKey,
      row.tokenNonce,
      row.fingerprint,
      row.visitorTimezone,
      row.status ?? "PENDING",
      row.heldReason ?? null,
      json(row.consent),
      row.partnerId,
      json(row.attribution),
      row.searchText,
      wordings.map((w) => w.version),
      wordings.map((w) => w.wording),
    ],
  });
  return rows[0]?.id ?? null;
}

type OutboxRow = {
  formId: string;
  locationId: string;
  fields: Prisma.InputJsonObject;
  pageUrl: string | null;
  idempotencyKey: string | null;
  tokenNonce: string | null;
  fingerprint: string;
  visitorTimezone: string | null;
  status?: "HELD";
  heldReason?: HeldReason;
  consent?: Prisma.InputJsonObject;
  partnerId: string | null;
  attribution: Prisma.InputJsonObject;
  searchText: string | null;
};

const IANA_ZONES = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
function ianaZone(value: string | null) {
  return value && IANA_ZONES.has(value) ? value : null;
}

function sorted(values: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
}

/** Stored as JSON: undefined (an empty optional input) is left out. */
function toJson(values: Record<string, unknown>) {
  return JSON.parse(JSON.stringify(values)) as Record<string, string | number | boolean | string[]>;
}
