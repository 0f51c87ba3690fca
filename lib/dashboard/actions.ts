"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { retryFailedSubmission } from "@/lib/outbox/retry";
import { processDispatcher } from "@/lib/outbox/runtime";
import { after } from "next/server";

/** Dashboard action: retry a Failed submission now. Checks the session itself. */
export async function retrySubmission(formData: FormData): Promise<void> {
  await requireRole();
  const id = z.uuid().safeParse(formData.get("submissionId"));
  if (!id.success) return;
  if (await retryFailedSubmission(db(), id.data)) {
    after(() => processDispatcher().deliverNow(id.data).catch((e) => console.error("[dispatcher]", e)));
  }
  revalidatePath("/dashboard");
}
