"use server";

import type { Challenge } from "altcha-lib";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { formTokens } from "@/lib/abuse/form-token";
import { proofOfWork } from "@/lib/abuse/proof-of-work";
import { checkPost, MESSAGES } from "@/lib/abuse/screen";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { formCatalog } from "@/lib/forms/catalog";
import { defaultLocationId } from "@/lib/locations/directory";
import { countSubmission } from "@/lib/observability/metrics";
import { requestLog } from "@/lib/log/logger";
import { clientAddress } from "@/lib/net/client-address";
import { processDispatcher } from "@/lib/outbox/runtime";
import { acceptSubmission, type FieldErrors } from "./accept";
import { HIDDEN } from "@/lib/forms/hidden-fields";
import { parseIdempotencyKey } from "./idempotency-key";

type Values = Record<string, string | string[]>;

export type SubmitState =
  | { status: "idle" }
  | { status: "accepted"; message: string }
  | { status: "invalid"; errors: FieldErrors; values: Values; token?: string }
  /** Nothing stored; `token` replaces the form's when the old one expired or was spent. */
  | { status: "error"; message: string; values: Values; token?: string }
  /** The form is flooded: the browser solves this and posts the same values again, with no click. */
  | { status: "challenge"; challenge: Challenge; values: Values; token?: string };

/** The server action behind every lead form; returns state for useActionState, with or without JavaScript. */
export async function submitLead(_previous: SubmitState, formData: FormData): Promise<SubmitState> {
  const form = formCatalog().find(String(formData.get(HIDDEN.formId) ?? ""));
  if (!form) return { status: "error", message: "This form is no longer available. Please reload the page.", values: {} };

  // Only the form's own inputs are read: anything else posted is ignored.
  const input: Values = {};
  for (const field of form.fields) {
    const values = formData.getAll(field.name).filter((v): v is string => typeof v === "string");
    if (values.length > 0) input[field.name] = field.kind === "checkboxes" ? values : values[0];
  }
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" && value !== "" ? value : null;
  };

  const config = env();
  const secret = config.AUTH_SECRET!;
  const requestHeaders = await headers();
  // Only when something goes wrong: a child logger costs more CPU than the rest of an accepted post's logging.
  const log = () => requestLog(requestHeaders, { module: "submission", formId: form.id });
  const accepted: SubmitState = { status: "accepted", message: form.thankYou };
  let submissionId: string | null = null;
  const address = clientAddress(requestHeaders);
  try {
    const pow = proofOfWork(secret);
    const checked = await checkPost(db(), {
      formId: form.id,
      token: text(HIDDEN.token),
      honeypot: text(HIDDEN.honeypot),
      address,
      secret,
      limits: { minFillSeconds: config.FORM_MIN_FILL_SECONDS, perAddress: config.SUBMISSION_LIMIT_PER_IP, perForm: config.SUBMISSION_LIMIT_PER_FORM },
      canProve: text(HIDDEN.canProve) === "1",
      proven: (claims) => pow.verify(text(HIDDEN.proof), claims.nonce),
    });
    if ("screening" in checked) {
      const { screening } = checked;
      if (screening.verdict === "retry" || screening.verdict === "drop") countSubmission(form.id, "rejected", screening.reason);
      if (screening.verdict === "retry") return { status: "error", message: screening.message, values: input, token: screening.token };
    } else {
      const { claims, post } = checked;
      // Partner and embedding page come from the signed token only: a post cannot claim them.
      const partner = config.EMBED_PARTNERS.find((p) => p.id === claims.partnerId) ?? null;
      // Screened and stored together: one statement when the browser sent a key.
      const result = await acceptSubmission(db(), {
        form,
        input,
        locationId: form.location ?? defaultLocationId(config),
        pageUrl: claims.pageUrl ?? requestHeaders.get("referer"),
        referrer: claims.referrer,
        partner,
        idempotencyKey: parseIdempotencyKey(formData.get(HIDDEN.idempotencyKey)),
        tokenNonce: claims.nonce,
        visitorTimezone: text(HIDDEN.timezone),
        visitor: { address, userAgent: requestHeaders.get("user-agent"), hashKey: config.PRIVACY_HASH_KEY ?? secret },
        screen: post,
      });
      if (result.status === "stopped" && result.verdict === "rate_limited") {
        countSubmission(form.id, "rejected", "rate_limit_address");
        return { status: "error", message: MESSAGES.rateLimited, values: input, token: formTokens(secret).issue(claims) };
      }
      if (result.status === "stopped") return { status: "challenge", challenge: await pow.challenge(claims.nonce), values: input, token: text(HIDDEN.token)! };
      // The token stored nothing, so it stays good for the corrected post.
      if (result.status === "invalid") return { status: "invalid", errors: result.errors, values: input, token: text(HIDDEN.token)! };
      if (result.status === "spent") countSubmission(form.id, "rejected", "spent_token");
      if (result.status === "spent") return { status: "error", message: MESSAGES.spent, values: input, token: formTokens(secret).issue(claims) };
      // A repeated post finds the first one's submission, already on its way; a Held one waits for a person.
      if (!result.repeated) countSubmission(form.id, result.held ? "held" : "accepted", result.held ?? undefined);
      if (!result.repeated && !result.held) submissionId = result.submissionId;
    }
  } catch (error) {
    log().error({ err: error }, "submission could not be stored");
    return { status: "error", message: "We could not save your details just now. Please try again in a moment.", values: input };
  }
  // After the response is sent: try delivery at once; the dispatch loop catches whatever this misses.
  if (submissionId && config.WEB_DELIVERY === "on")
    after(() =>
      processDispatcher()
        .deliverNow(submissionId)
        .catch((err) => log().error({ err, submissionId }, "immediate delivery failed")),
    );
  // A suspect, Held or dropped, gets the very answer a person gets.
  return form.redirectTo ? redirect(form.redirectTo) : accepted;
}
