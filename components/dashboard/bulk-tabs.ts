// Shared by the page (a server component) and the bulk form (a client one), so not in the "use client" module.
import type { SubmissionStatus } from "@/lib/db/generated/enums";
import type { BulkAction } from "@/lib/outbox/bulk";

/** The bulk form's id: the table's checkboxes join it with their `form` attribute (a form cannot hold the rows' own forms). */
export const BULK_FORM_ID = "outbox-bulk";

/** The actions each status tab offers; Delivered, Discarded and the All tab offer none. */
export const TAB_ACTIONS: Partial<Record<SubmissionStatus, BulkAction[]>> = {
  PENDING: ["discard"],
  RETRYING: ["discard"],
  FAILED: ["retry", "discard"],
  HELD: ["release", "discard"],
};

export const hasBulkActions = (status: SubmissionStatus | undefined) => Boolean(status && TAB_ACTIONS[status]);
