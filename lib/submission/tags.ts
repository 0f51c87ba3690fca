import type { AttributionField, CustomFieldTarget, FormDefinition } from "@/lib/forms/definition";
import type { Attribution } from "./attribution";

/**
 * The tags a submission's contact gets: the form's, the partner's for embeds, and `utm_source:<value>` /
 * `utm_campaign:<value>` (lowercased, at most 64 characters) unless the form turns them off; no duplicates.
 */
export function submissionTags(form: FormDefinition, attribution: Attribution | null): string[] {
  const tags = [...form.tags];
  if (attribution?.partner) tags.push(attribution.partner.tag);
  if (form.attribution?.tags !== false) {
    for (const name of ["utm_source", "utm_campaign"] as const) {
      const value = attribution?.utm?.[name]?.trim().toLowerCase();
      if (value) tags.push(`${name}:${value}`.slice(0, 64));
    }
  }
  const seen = new Set<string>();
  return tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

/** Attribution values the form sends to custom fields. */
export function attributionCustomFields(form: FormDefinition, attribution: Attribution | null): { target: CustomFieldTarget; value: string }[] {
  const targets = Object.entries(form.attribution?.customFields ?? {}) as [AttributionField, CustomFieldTarget][];
  return targets.flatMap(([field, target]) => {
    const value =
      field === "referrer" ? attribution?.referrer : field === "landingUrl" ? attribution?.landingUrl : field === "partner" ? attribution?.partner?.name : attribution?.utm?.[field];
    return value ? [{ target, value }] : [];
  });
}
