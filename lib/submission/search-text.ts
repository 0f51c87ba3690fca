import type { FormDefinition } from "@/lib/forms/definition";

/** The contact properties a marketer searches the outbox by. */
const SEARCHABLE = new Set(["firstName", "lastName", "name", "email", "phone", "companyName"]);

/**
 * What the dashboard's search matches for one submission: the values of the fields the form maps to a name, email,
 * phone or company (the field names are the form's own), one a line, then the phone's digits so that a number
 * typed with any formatting finds it; lowercased, so the search is a plain LIKE (ILIKE costs several times its CPU
 * per row). Written once at insert: the mapping lives in the form, which SQL cannot read.
 */
export function searchTextOf(form: FormDefinition, values: Record<string, unknown>): string | null {
  const lines: string[] = [];
  for (const field of form.fields) {
    const value = values[field.name];
    if (typeof field.maps !== "string" || !SEARCHABLE.has(field.maps) || typeof value !== "string" || !value) continue;
    lines.push(value);
    if (field.maps === "phone") lines.push(value.replace(/\D/g, ""));
  }
  return lines.length > 0 ? lines.join("\n").toLowerCase() : null;
}
