import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { FieldErrors } from "@/lib/forms/action-state";
import type { FormCatalog } from "@/lib/forms/catalog";
import { searchTextOf } from "./search-text";

/** A changed field as the audit log keeps it: the value before and after (null when there was none). */
export type FieldChange = { before: Prisma.InputJsonValue | null; after: Prisma.InputJsonValue | null };

export type EditResult =
  | { kind: "edited"; changes: Record<string, FieldChange> }
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "unchanged" }
  | { kind: "not-failed" }
  | { kind: "leased" }
  | { kind: "missing" };

type Row = { formId: string; fields: Record<string, Prisma.InputJsonValue>; status: string; leased: boolean };

/**
 * Replaces a Failed submission's values with corrected ones, checked by its form's own schema, and puts it back in
 * line (Pending, a fresh attempt budget, due now). Changes nothing when it is no longer Failed or a process holds its
 * lease, so an edit never races a delivery. Returns the changed fields' before and after, for the audit log.
 */
export async function editFailedSubmission(database: Database, forms: FormCatalog, id: string, input: Record<string, unknown>): Promise<EditResult> {
  return database.$transaction(async (tx): Promise<EditResult> => {
    const [row] = await tx.$queryRaw<Row[]>`
      SELECT "formId", fields, status::text, ("lockedUntil" IS NOT NULL AND "lockedUntil" > now()) AS leased
      FROM "Submission" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) return { kind: "missing" };
    if (row.status !== "FAILED") return { kind: "not-failed" };
    if (row.leased) return { kind: "leased" };
    const form = forms.find(row.formId);
    if (!form) return { kind: "missing" };
    // Consent is the visitor's own word, kept as evidence: a marketer corrects values, never what was agreed to.
    const kept = Object.fromEntries(form.fields.filter((f) => f.kind === "consent").map((f) => [f.name, row.fields[f.name]]));
    const parsed = form.schema.safeParse({ ...input, ...kept });
    if (!parsed.success) return { kind: "invalid", errors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
    const after = JSON.parse(JSON.stringify(parsed.data)) as Record<string, Prisma.InputJsonValue>;
    const changes: Record<string, FieldChange> = {};
    for (const field of form.fields) {
      const [was, now] = [row.fields[field.name] ?? null, after[field.name] ?? null];
      if (JSON.stringify(was) !== JSON.stringify(now)) changes[field.name] = { before: was, after: now };
    }
    if (Object.keys(changes).length === 0) return { kind: "unchanged" };
    // Keys the form no longer has stay as they were: they are part of what the visitor sent.
    const fields = { ...row.fields, ...after };
    for (const name of Object.keys(changes)) if (after[name] === undefined) delete fields[name];
    const updated = await tx.$executeRaw`
      UPDATE "Submission"
      SET fields = ${JSON.stringify(fields)}::jsonb, "searchText" = ${searchTextOf(form, fields)}, status = 'PENDING',
          "consecutiveFailures" = 0, "nextAttemptAt" = now(), "lockedUntil" = NULL, "lockedBy" = NULL, "updatedAt" = now()
      WHERE id = ${id}::uuid AND status = 'FAILED' AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())`;
    return updated === 1 ? { kind: "edited", changes } : { kind: "leased" };
  });
}

/** A posted edit form as the form's schema reads it: a name posted more than once (checkboxes) becomes a list. */
export function valuesFromFormData(formData: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : all[0];
  }
  return values;
}
