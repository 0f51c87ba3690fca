// Posting the lead form's server action without a browser, as a script (or a bot) does: the Next-Action header and
// React's encoding of (state, formData). Used where a browser per post would be too slow: floods and address checks.
import { readFileSync } from "node:fs";
import { formTokens } from "@/lib/abuse/form-token";
import { AUTH_SECRET } from "./ports";

let actionId: string | undefined;
/** submitLead's id in the production build the stack serves. */
export function submitLeadActionId(): string {
  if (actionId) return actionId;
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName?: string }> };
  actionId = Object.entries(manifest.node).find(([, action]) => action.exportedName === "submitLead")?.[0];
  if (!actionId) throw new Error("the build has no submitLead server action");
  return actionId;
}

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
    headers: { "Next-Action": submitLeadActionId(), Accept: "text/x-component", Origin: baseUrl, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}
