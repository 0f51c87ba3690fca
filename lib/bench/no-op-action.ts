"use server";

import type { SubmitState } from "@/lib/submission/actions";

/** The benchmark's baseline: a server action of the same shape as submitLead that does nothing, so the ratio isolates LeadRelay's own work. */
export async function noOpSubmit(_previous: SubmitState, _formData: FormData): Promise<SubmitState> {
  return { status: "accepted", message: "Thank you" };
}
