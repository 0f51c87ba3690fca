import { connection } from "next/server";
import { formTokens } from "@/lib/abuse/form-token";
import { env } from "@/lib/config/env";
import type { FormDefinition, FormInput } from "@/lib/forms/definition";
import { LeadForm } from "./lead-form";

/**
 * A lead form as a visitor receives it: with a freshly signed token, rendered per request so the
 * abuse checks work without JavaScript. The browser gets the plain definition and rebuilds the schema.
 */
export async function VisitorForm({ form, embed }: { form: FormDefinition; embed?: { partner?: string; page?: string; referrer?: string } }) {
  await connection();
  return <LeadForm definition={plainDefinition(form)} token={formTokens(env().AUTH_SECRET!).issue(form.id)} embed={embed} />;
}

/** The definition without its zod schema, which cannot cross to the browser (it is rebuilt there). */
function plainDefinition(form: FormDefinition): FormInput {
  return Object.fromEntries(Object.entries(form).filter(([key]) => key !== "schema")) as FormInput;
}
