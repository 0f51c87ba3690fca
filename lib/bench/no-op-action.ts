"use server";

import { notFound } from "next/navigation";
import type { SubmitState } from "@/lib/submission/actions";

/** The benchmark's baseline: a server action of the same shape as submitLead that does nothing, so the ratio isolates LeadRelay's own work. */
export async function noOpSubmit(previous: SubmitState, formData: FormData): Promise<SubmitState> {
  if (process.env.LEADRELAY_BENCH !== "1") notFound(); // the baseline exists only for the benchmark's server
  void [previous, formData];
  return { status: "accepted", message: "Thank you" };
}
