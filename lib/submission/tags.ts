import type { FormDefinition } from "@/lib/forms/definition";

/**
 * The tags a submission's contact gets: the form's, the partner's for embeds, and `utm_source:<value>` /
 * `utm_campaign:<value>` from the landing URL (lowercased, at most 64 characters), without duplicates.
 */
export function submissionTags(form: FormDefinition, { pageUrl, partnerTag }: { pageUrl?: string | null; partnerTag?: string | null }): string[] {
  const tags = [...form.tags];
  if (partnerTag) tags.push(partnerTag);
  const params = searchParams(pageUrl);
  for (const name of ["utm_source", "utm_campaign"]) {
    const value = params?.get(name)?.trim().toLowerCase();
    if (value) tags.push(`${name}:${value}`.slice(0, 64));
  }
  const seen = new Set<string>();
  return tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

function searchParams(url?: string | null) {
  try {
    return url ? new URL(url).searchParams : null;
  } catch {
    return null;
  }
}
