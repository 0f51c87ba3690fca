import { headers } from "next/headers";
import { connection } from "next/server";
import { formTokens } from "@/lib/abuse/form-token";
import { env } from "@/lib/config/env";
import { privacyNoticeOf, type FormDefinition, type FormInput } from "@/lib/forms/definition";
import { countryOptions } from "@/lib/forms/normalize";
import { httpUrl } from "@/lib/net/http-url";
import { LeadForm } from "./lead-form";

/** What an embed knows of where it is: the partner (already checked against EMBED_PARTNERS) and its page. */
export type EmbedContextClaims = { partnerId?: string; pageUrl?: string; referrer?: string };

/**
 * A lead form as a visitor receives it: with a freshly signed, single-use token, rendered per request so the
 * abuse checks work without JavaScript. The token binds the partner and pages, which a post cannot change;
 * on a landing page the referrer is this page load's Referer. The browser gets the plain definition.
 */
export async function VisitorForm({ form, embed }: { form: FormDefinition; embed?: EmbedContextClaims }) {
  await connection();
  const referrer = embed ? embed.referrer : ((await headers()).get("referer") ?? undefined);
  const token = formTokens(env().AUTH_SECRET!).issue({
    formId: form.id,
    partnerId: embed?.partnerId,
    pageUrl: httpUrl(embed?.pageUrl)?.toString(),
    referrer: httpUrl(referrer)?.toString(),
  });
  const countries = form.fields.some((f) => f.kind === "country") ? countryOptions() : [];
  const definition = { ...plainDefinition(form), privacyNoticeUrl: privacyNoticeOf(form, env().PRIVACY_NOTICE_URL) };
  return <LeadForm definition={definition} token={token} countries={countries} />;
}

/** The definition without its zod schema, which cannot cross to the browser (it is rebuilt there). */
function plainDefinition(form: FormDefinition): FormInput {
  return Object.fromEntries(Object.entries(form).filter(([key]) => key !== "schema")) as FormInput;
}
