"use server";

import { after } from "next/server";
import { headers } from "next/headers";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { findForm } from "@/lib/forms/registry";
import { defaultLocationId } from "@/lib/locations/directory";
import { processDispatcher } from "@/lib/outbox/runtime";
import { acceptSubmission, type FieldErrors } from "./accept";
import { IDEMPOTENCY_FIELD, parseIdempotencyKey } from "./idempotency-key";

export type SubmitState =
  | { status: "idle" }
  | { status: "accepted"; message: string }
  | { status: "invalid"; errors: FieldErrors; values: Record<string, string | string[]> }
  | { status: "error"; message: string; values: Record<string, string | string[]> };

/** The server action behind every lead form; returns state for useActionState, with or without JavaScript. */
export async function submitLead(_previous: SubmitState, formData: FormData): Promise<SubmitState> {
  const form = findForm(String(formData.get("formId") ?? ""));
  if (!form) return { status: "error", message: "This form is no longer available. Please reload the page.", values: {} };

  // Only the form's own inputs are read: anything else posted is ignored.
  const input: Record<string, string | string[]> = {};
  for (const field of form.fields) {
    const values = formData.getAll(field.name).filter((v): v is string => typeof v === "string");
    if (values.length > 0) input[field.name] = field.kind === "checkboxes" ? values : values[0];
  }

  try {
    const result = await acceptSubmission(db(), {
      form,
      input,
      locationId: form.location ?? defaultLocationId(env()),
      pageUrl: (await headers()).get("referer"),
      idempotencyKey: parseIdempotencyKey(formData.get(IDEMPOTENCY_FIELD)),
    });
    if (result.status === "invalid") return { status: "invalid", errors: result.errors, values: input };
    // After the response is sent: try delivery at once; the dispatch loop catches whatever this misses.
    if (!result.repeated) after(() => processDispatcher().deliverNow(result.submissionId).catch((e) => console.error("[dispatcher]", e)));
    return { status: "accepted", message: form.thankYou };
  } catch (error) {
    console.error("[submission] could not be stored", error);
    return { status: "error", message: "We could not save your details just now. Please try again in a moment.", values: input };
  }
}
