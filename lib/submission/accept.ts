import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { poolOf, prepared, type Database } from "@/lib/db/client";
import type { HeldReason, Prisma } from "@/lib/db/generated/client";
import type { FormDefinition } from "@/lib/forms/definition";
import { httpUrl } from "@/lib/net/http-url";
import type { Partner } from "@/lib/partners/config";
import { attributionFrom } from "@/lib/outbox/attribution";
import { screenPost, screenPostCall, type PostScreening, type PostVerdict } from "@/lib/abuse/screen";
import { addressHash, consentRecord, wordingsOf } from "./consent";
import { searchTextOf } from "./search-text";

export type FieldErrors = Record<string, string[]>;

export type AcceptResult =
  /** `held`: why a new submission was stored as Held; absent when it waits for delivery, or was stored before. */
  | { status: "accepted"; submissionId: string; repeated: boolean; held?: HeldReason }
  /** Screening stopped the post (over the address limit, or a flood asking for a proof of work): nothing stored. */
  | { status: "stopped"; verdict: Extract<PostVerdict["verdict"], "rate_limited" | "challenge"> }
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
 * A suspect (`held`) is stored as Held, never sent until a person releases it. With `screen`, the post is screened
 * here (recorded, counted, and held or stopped as the limits say): with a key, in the insert's own statement.
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
    screen = null,
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
    /** The post's screening, done with the insert (so `held` comes from it); none when the caller screened already. */
    screen?: PostScreening | null;
    visitorTimezone?: string | null;
    /** Who gave the consent: the client's address (kept only as a keyed hash, under `hashKey`) and user agent. */
    visitor?: { address: string; userAgent: string | null; hashKey: string } | null;
    now?: Date;
  },
): Promise<AcceptResult> {
  const parsed = form.schema.safeParse(input);
  if (!parsed.success) {
    // Still counted, and a limit's answer comes before the field errors, as when screening came first.
    const stopped = screen ? stop(await screenPost(database, screen)) : null;
    return stopped ?? { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  }
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
    const stored = await insertOnce(database, data, wordingsOf(form), screen ? { screen } : { held });
    const stopped = stop(stored);
    if (stopped) return stopped;
    if (stored.id) return { status: "accepted", submissionId: stored.id, repeated: false, ...heldAs(stored.heldReason) };
    const earlier = await database.submission.findUnique({ where: { formId_idempotencyKey: { formId: form.id, idempotencyKey } }, select: { id: true } });
    return earlier ? { status: "accepted", submissionId: earlier.id, repeated: true } : { status: "spent" };
  }

  // Without a key the row is stored in a transaction of its own: screened first, in a statement of its own.
  if (screen) {
    const screened = await screenPost(database, screen);
    const stopped = stop(screened);
    if (stopped) return stopped;
    held = screened.heldReason;
  }
  const row = held ? { ...data, status: "HELD" as const, heldReason: held } : data;

  return database.$transaction(async (tx): Promise<AcceptResult> => {
    // Without a key, two posts of the same values (a no-JS double click) arrive together: the second waits here, then finds the first.
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`${form.id}:${fingerprint}`}, 0))`;
    const earlier = await tx.submission.findFirst({
      // Keyless rows only, as the partial index on (formId, fingerprint, createdAt) holds them.
      where: { formId: form.id, idempotencyKey: null, fingerprint, createdAt: { gte: new Date(now.getTime() - REPEAT_WINDOW_MS) } },
      select: { id: true },
    });
    if (earlier) return { status: "accepted", submissionId: earlier.id, repeated: true };
    const wordings = wordingsOf(form);
    if (wordings.length > 0) await tx.consentWording.createMany({ data: wordings, skipDuplicates: true });
    const [created] = await tx.submission.createManyAndReturn({ data: [row], skipDuplicates: true, select: { id: true } });
    return created ? { status: "accepted", submissionId: created.id, repeated: false, ...heldAs(held) } : { status: "spent" };
  });
}

const heldAs = (reason: HeldReason | null) => (reason ? { held: reason } : {});

/** A verdict that stores nothing, as the result to return; null when the post goes on to be stored. */
function stop({ verdict }: Pick<PostVerdict, "verdict">): AcceptResult | null {
  return verdict === "rate_limited" || verdict === "challenge" ? { status: "stopped", verdict } : null;
}

/**
 * The hot path's one statement: screening (the post recorded and counted, its verdict decided by `screen_post`), the
 * consent wordings the form shows (a version already stored is skipped) and the row, stored unless the verdict stops
 * it; `id` is null when the key or the token was already used. Through `pg` directly, as Prisma's engine costs ten
 * times the CPU for the same insert; prepared, as PostgreSQL's parse and plan of it cost more than running it. A caller
 * that screened already passes the verdict as `held`.
 */
async function insertOnce(
  database: Database,
  row: OutboxRow,
  wordings: { version: string; wording: string }[],
  screening: { screen: PostScreening } | { held: HeldReason | null },
): Promise<PostVerdict & { id: string | null }> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const call = "screen" in screening ? screenPostCall(screening.screen, 16) : null;
  const { rows } = await poolOf(database).query<PostVerdict & { id: string | null }>({
    ...prepared(database, call ? "accept-screened" : "accept-held"),
    text: `WITH screened AS (
        SELECT ${call ? `verdict, "heldReason" FROM ${call.sql}` : `CASE WHEN $16::"HeldReason" IS NULL THEN 'accept' ELSE 'hold' END AS verdict, $16::"HeldReason" AS "heldReason"`}
      ), wording AS (
        INSERT INTO "ConsentWording" (version, wording) SELECT * FROM unnest($14::text[], $15::text[])
        WHERE (SELECT verdict FROM screened) IN ('accept', 'hold') ON CONFLICT DO NOTHING
      ), stored AS (
        INSERT INTO "Submission" (id, "formId", "locationId", fields, "pageUrl", "idempotencyKey", "tokenNonce", fingerprint,
          "visitorTimezone", status, "heldReason", consent, "partnerId", attribution, "searchText", "updatedAt")
        SELECT $1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, CASE WHEN s."heldReason" IS NULL THEN 'PENDING' ELSE 'HELD' END::"SubmissionStatus",
          s."heldReason", $10::jsonb, $11, $12::jsonb, $13, now()
        FROM screened AS s WHERE s.verdict IN ('accept', 'hold')
        ON CONFLICT DO NOTHING RETURNING id
      )
      SELECT s.verdict, s."heldReason", (SELECT id FROM stored) AS id FROM screened AS s`,
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
      json(row.consent),
      row.partnerId,
      json(row.attribution),
      row.searchText,
      wordings.map((w) => w.version),
      wordings.map((w) => w.wording),
      ...(call ? call.values : [(screening as { held: HeldReason | null }).held]),
    ],
  });
  return rows[0];
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
