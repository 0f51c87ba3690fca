import { createHash } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { FormDefinition } from "@/lib/forms/definition";

export type FieldErrors = Record<string, string[]>;

export type AcceptResult = { status: "accepted"; submissionId: string; repeated: boolean } | { status: "invalid"; errors: FieldErrors };

/** Without a key (no JavaScript), the same form with the same values within this window is the same submission. */
export const REPEAT_WINDOW_MS = 10 * 60 * 1000;

/**
 * Validates a submission against its form's schema and commits it to the outbox, once: a repeated post
 * (double click, browser retry, back-button resubmit) returns the submission the first one made. It is
 * found by the form's idempotency key, or by the same values from the same page within REPEAT_WINDOW_MS.
 * Nothing here talks to LeadConnector: the visitor's answer never waits for it.
 */
export async function acceptSubmission(
  database: Database,
  {
    form,
    input,
    locationId,
    pageUrl,
    idempotencyKey = null,
    now = new Date(),
  }: { form: FormDefinition; input: Record<string, unknown>; locationId: string; pageUrl?: string | null; idempotencyKey?: string | null; now?: Date },
): Promise<AcceptResult> {
  const parsed = form.schema.safeParse(input);
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  const page = pageUrl?.slice(0, 2000) ?? null;
  const values = toJson(parsed.data);
  const fingerprint = createHash("sha256").update(JSON.stringify([form.id, page, sorted(values)])).digest("hex");
  const repeatOf = {
    formId: form.id,
    OR: [...(idempotencyKey ? [{ idempotencyKey }] : []), { fingerprint, createdAt: { gte: new Date(now.getTime() - REPEAT_WINDOW_MS) } }],
  };
  try {
    return await database.$transaction(async (tx) => {
      // Two posts of the same values arrive together on a double click: the second waits here, then finds the first.
      await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`${form.id}:${fingerprint}`}, 0))`;
      const earlier = await tx.submission.findFirst({ where: repeatOf, select: { id: true } });
      if (earlier) return { status: "accepted", submissionId: earlier.id, repeated: true };
      const submission = await tx.submission.create({
        data: { formId: form.id, locationId, fields: values, pageUrl: page, idempotencyKey, fingerprint, consent: consentRecord(form, parsed.data, now, page) ?? undefined },
        select: { id: true },
      });
      return { status: "accepted", submissionId: submission.id, repeated: false };
    });
  } catch (error) {
    // The same key with other values raced past the lock (a tampered post): the key's first submission stands.
    if (idempotencyKey && (error as { code?: string }).code === "P2002") {
      const earlier = await database.submission.findUniqueOrThrow({ where: { formId_idempotencyKey: { formId: form.id, idempotencyKey } }, select: { id: true } });
      return { status: "accepted", submissionId: earlier.id, repeated: true };
    }
    throw error;
  }
}

function sorted(values: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
}

/** What the visitor agreed to, in the words they saw: kept as evidence beside the values. */
function consentRecord(form: FormDefinition, values: Record<string, unknown>, at: Date, pageUrl: string | null) {
  const box = form.fields.find((f) => f.kind === "consent");
  if (!box) return null;
  return {
    given: values[box.name] === true,
    wording: box.label,
    // The version is derived from the wording, so a changed text can never keep an old version.
    version: createHash("sha256").update(box.label).digest("hex").slice(0, 12),
    channels: form.consentChannels ?? [],
    at: at.toISOString(),
    pageUrl,
  };
}

/** Stored as JSON: undefined (an empty optional input) is left out. */
function toJson(values: Record<string, unknown>) {
  return JSON.parse(JSON.stringify(values)) as Record<string, string | number | boolean | string[]>;
}
