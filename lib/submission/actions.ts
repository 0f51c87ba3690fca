"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { HONEYPOT_FIELD, recordRejection, screenSubmission } from "@/lib/abuse/screen";
import { formTokens } from "@/lib/abuse/form-token";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { findForm } from "@/lib/forms/registry";
import { clientAddress } from "@/lib/net/client-address";
import { defaultLocationId } from "@/lib/locations/directory";
import { processDispatcher } from "@/lib/outbox/runtime";
import { acceptSubmission, type FieldErrors } from "./accept";
import { HIDDEN } from "./hidden-fields";
import { IDEMPOTENCY_FIELD, parseIdempotencyKey } from "./idempotency-key";

export type SubmitState =
  | { status: "idle" }
  | { status: "accepted"; message: string }
  | { status: "invalid"; errors: FieldErrors; values: Record<string, string | string[]> }
  /** Nothing stored; `token` replaces the form's when the old one expired. */
  | { status: "error"; message: string; values: Record<string, string | string[]>; token?: string };

/** The server action behind every lead form; returns state for useActionState, with or without JavaScript. */
export async function submitLead(_previous: SubmitState, formData: FormData): Promise<SubmitState> {
  const form = findForm(String(formData.get(HIDDEN.formId) ?? ""));
  if (!form) return { status: "error", message: "This form is no longer available. Please reload the page.", values: {} };

  // Only the form's own inputs are read: anything else posted is ignored.
  const input: Record<string, string | string[]> = {};
  for (const field of form.fields) {
    const values = formData.getAll(field.name).filter((v): v is string => typeof v === "string");
    if (values.length > 0) input[field.name] = field.kind === "checkboxes" ? values : values[0];
  }
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" && value !== "" ? value : null;
  };

  const config = env();
  const requestHeaders = await headers();
  const accepted: SubmitState = { status: "accepted", message: form.thankYou };
  let submissionId: string | null = null;
  try {
    const screening = await screenSubmission(db(), {
      formId: form.id,
      token: text(HIDDEN.token),
      honeypot: text(HONEYPOT_FIELD),
      ip: clientAddress(requestHeaders),
      secret: config.AUTH_SECRET!,
      limits: { minFillSeconds: config.FORM_MIN_FILL_SECONDS, perIp: config.SUBMISSION_LIMIT_PER_IP, perForm: config.SUBMISSION_LIMIT_PER_FORM },
    });
    if (screening.verdict !== "accept") await recordRejection(db(), screening.reason);
    if (screening.verdict === "retry") return { status: "error", message: screening.message, values: input, token: formTokens(config.AUTH_SECRET!).issue(form.id) };

    if (screening.verdict === "accept") {
      const partnerId = text(HIDDEN.partner);
      const result = await acceptSubmission(db(), {
        form,
        input,
        locationId: form.location ?? defaultLocationId(config),
        // An embed names the partner's page; otherwise the page that posted is the landing page.
        pageUrl: text(HIDDEN.page) ?? requestHeaders.get("referer"),
        referrer: text(HIDDEN.referrer),
        partner: config.EMBED_PARTNERS.find((p) => p.id === partnerId) ?? null,
        idempotencyKey: parseIdempotencyKey(formData.get(IDEMPOTENCY_FIELD)),
      });
      if (result.status === "invalid") return { status: "invalid", errors: result.errors, values: input };
      // A repeated post finds the first one's submission, already on its way.
      if (!result.repeated) submissionId = result.submissionId;
    }
  } catch (error) {
    console.error("[submission] could not be stored", error);
    return { status: "error", message: "We could not save your details just now. Please try again in a moment.", values: input };
  }
  // After the response is sent: try delivery at once; the dispatch loop catches whatever this misses.
  if (submissionId) after(() => processDispatcher().deliverNow(submissionId).catch((e) => console.error("[dispatcher]", e)));
  // A bot turned away gets the very answer a person gets.
  return form.redirectTo ? redirect(form.redirectTo) : accepted;
}
