import { createHash } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { FormDefinition } from "@/lib/forms/definition";
import type { Partner } from "@/lib/partners/config";
import { attributionFrom } from "./attribution";

export type FieldErrors = Record<string, string[]>;

export type AcceptResult = { status: "accepted"; submissionId: string } | { status: "invalid"; errors: FieldErrors };

/**
 * Validates a submission against its form's schema and commits it to the outbox.
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
    now = new Date(),
  }: { form: FormDefinition; input: Record<string, unknown>; locationId: string; pageUrl?: string | null; referrer?: string | null; partner?: Partner | null; now?: Date },
): Promise<AcceptResult> {
  const parsed = form.schema.safeParse(input);
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  const page = pageUrl?.slice(0, 2000) ?? null;
  const submission = await database.submission.create({
    data: {
      formId: form.id,
      locationId,
      fields: toJson(parsed.data),
      pageUrl: page,
      consent: consentRecord(form, parsed.data, now, page) ?? undefined,
      partnerId: partner?.id ?? null,
      attribution: { ...attributionFrom({ landingUrl: page, referrer }), ...(partner ? { partner: { id: partner.id, name: partner.name, tag: partner.tag } } : {}) },
    },
    select: { id: true },
  });
  return { status: "accepted", submissionId: submission.id };
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
