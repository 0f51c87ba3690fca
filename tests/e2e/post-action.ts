// Posting the lead form's server action without a browser, as a script (or a bot) does: the Next-Action header and
// React's encoding of (state, formData). Used where a browser per post would be too slow: floods and address checks.
import { formTokens } from "@/lib/abuse/form-token";
import { submitLeadActionId } from "../support/form-post";
import { AUTH_SECRET } from "./ports";

let actionId: string | undefined;
const submitLead = () => (actionId ??= submitLeadActionId());

/** A token as a page render signs it (the stack's AUTH_SECRET), rendered `ageMs` ago. */
export function signedToken(formId: string, ageMs = 10_000) {
  return formTokens(AUTH_SECRET).issue({ formId }, Date.now() - ageMs);
}

export async function postLead(baseUrl: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(`_1_${name}`, value);
  body.set("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "Next-Action": submitLead(), Accept: "text/x-component", Origin: baseUrl, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}
