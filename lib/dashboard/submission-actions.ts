"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionState } from "@/lib/forms/action-state";
import { formCatalog } from "@/lib/forms/catalog";
import { moduleLog } from "@/lib/log/logger";
import { processDispatcher } from "@/lib/outbox/runtime";
import { editFailedSubmission, valuesFromFormData, type EditResult } from "@/lib/submission/edit";
import { dashboardAction } from "./authorize";

const REFUSALS: Record<Exclude<EditResult["kind"], "edited" | "invalid">, string> = {
  unchanged: "Nothing was changed. Correct a value first, or use Retry to send it as it is.",
  "not-failed": "This submission is no longer Failed (it was retried or edited meanwhile), so it was not changed.",
  leased: "A delivery of this submission is running right now, so it was not changed. Reload the page and try again.",
  missing: "This submission or its form no longer exists.",
};

/** Dashboard action: correct a Failed submission's values (checked by its form's schema) and send it again. */
export const editSubmission = dashboardAction("submission.edit", "act", async (context, _previous: ActionState, formData: FormData): Promise<ActionState> => {
  const id = z.uuid().safeParse(formData.get("submissionId"));
  if (!id.success) {
    context.note({ detail: { outcome: "invalid" } });
    return { status: "error", message: "This is not a submission's edit form." };
  }
  context.note({ submissionIds: [id.data] });
  formData.delete("submissionId");
  const result = await editFailedSubmission(db(), formCatalog(), id.data, valuesFromFormData(formData));
  if (result.kind === "invalid") {
    context.note({ detail: { outcome: "invalid" } });
    return { status: "invalid", errors: result.errors };
  }
  if (result.kind !== "edited") {
    context.note({ detail: { outcome: result.kind } });
    return { status: "error", message: REFUSALS[result.kind] };
  }
  // Before and after of the changed fields only: the history keeps the original values.
  context.note({ detail: { changes: result.changes } });
  after(() =>
    processDispatcher()
      .deliverNow(id.data)
      .catch((err) => moduleLog("dashboard").error({ err, submissionId: id.data }, "delivery after edit failed")),
  );
  revalidatePath(`/dashboard/submissions/${id.data}`);
  revalidatePath("/dashboard");
  return { status: "done", message: "Saved. It is being sent again now." };
});
