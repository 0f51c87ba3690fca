import type { Database } from "@/lib/db/client";
import type { FormDefinition } from "@/lib/forms/definition";
import { z } from "zod";

export type FieldErrors = Record<string, string[]>;

export type AcceptResult =
  | { status: "accepted"; submissionId: string }
  | { status: "invalid"; errors: FieldErrors };

/**
 * Validates a submission against its form's schema and commits it to the outbox.
 * Nothing here talks to LeadConnector: the visitor's answer never waits for it.
 */
export async function acceptSubmission(
  database: Database,
  { form, input, locationId, pageUrl }: { form: FormDefinition; input: Record<string, unknown>; locationId: string; pageUrl?: string | null },
): Promise<AcceptResult> {
  const parsed = (form.schema as z.ZodType<Record<string, unknown>>).safeParse(input);
  if (!parsed.success) {
    return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  }
  const submission = await database.submission.create({
    data: { formId: form.id, locationId, fields: dropUndefined(parsed.data), pageUrl: pageUrl?.slice(0, 2000) ?? null },
    select: { id: true },
  });
  return { status: "accepted", submissionId: submission.id };
}

/** Stored as JSON: undefined (an empty optional input) is left out. */
function dropUndefined(values: Record<string, unknown>) {
  return JSON.parse(JSON.stringify(values)) as Record<string, string | boolean>;
}
