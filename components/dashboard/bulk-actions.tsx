"use client";

import { useActionState, useState, useTransition } from "react";
import { bulkOutbox } from "@/lib/dashboard/bulk-actions";
import type { BulkState } from "@/lib/dashboard/bulk-summary";
import type { BulkAction } from "@/lib/outbox/bulk";
import type { SubmissionStatus } from "@/lib/db/generated/enums";
import { BULK_FORM_ID, TAB_ACTIONS } from "./bulk-tabs";
import { secondaryButton } from "@/components/ui/styles";

const VERB: Record<BulkAction, string> = { retry: "Retry", release: "Release", discard: "Discard" };

/**
 * Bulk actions on the rows ticked in the table or on every one matching the filter:
 * a confirmation naming the count, then progress while the server works through it call by call, then a summary.
 * Without JavaScript the form still posts: one call's worth is done and the summary says so.
 */
export function BulkActions({
  status,
  matching,
  filter,
}: {
  status: SubmissionStatus;
  matching: number;
  /** The list's filter as its URL carries it (search sealed): "all matching" acts on exactly what was counted. */
  filter: string;
}) {
  const [state, formAction, posting] = useActionState<BulkState, FormData>(bulkOutbox, { status: "idle" });
  const [progress, setProgress] = useState<BulkState | null>(null);
  const [running, startRun] = useTransition();
  const actions = TAB_ACTIONS[status] ?? [];
  const shown = progress ?? state;
  const busy = posting || running;

  // With JavaScript: confirm, then call the action again while it says there is more, showing how far it got.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value ?? "";
    const [action, scope] = intent.split("-") as [BulkAction, string];
    event.preventDefault();
    const form = event.currentTarget;
    const ticked = [...form.elements].filter((e) => e instanceof HTMLInputElement && e.name === "ids" && e.checked).length;
    const count = scope === "all" ? matching : ticked;
    if (
      count > 0 &&
      !window.confirm(`${VERB[action]} ${count.toLocaleString("en-US")} ${scope === "all" ? "submissions matching this filter" : "selected submissions"}?`)
    )
      return;
    const data = new FormData(form, submitter);
    startRun(async () => {
      let result: BulkState = { status: "working", action, changed: 0, skipped: 0, message: `Working on ${count.toLocaleString("en-US")} submissions…` };
      setProgress(result);
      do {
        if (result.status === "working") {
          data.set("after", result.after ?? "");
          data.set("changed", String(result.changed));
          data.set("skipped", String(result.skipped));
        }
        result = await bulkOutbox(result, data);
        setProgress(result);
      } while (result.status === "working");
    });
  };

  return (
    <form id={BULK_FORM_ID} action={formAction} onSubmit={onSubmit} className="mb-3 space-y-3">
      <input type="hidden" name="filter" value={filter} />
      {shown.status !== "idle" && (
        <p
          role={shown.status === "error" ? "alert" : "status"}
          className={shown.status === "error" ? "rounded-md bg-red-50 p-3 text-sm text-red-800" : "rounded-md bg-green-50 p-3 text-sm text-green-900"}
        >
          {shown.message}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        {actions.includes("discard") && (
          <label className="text-sm">
            <span className="block font-medium text-slate-800">Reason for discarding</span>
            <input name="discardReason" maxLength={200} className="mt-1 rounded-md border border-slate-300 px-2 py-1" />
          </label>
        )}
        {actions.map((action) => (
          <span key={action} className="flex gap-2">
            <button type="submit" name="intent" value={`${action}-selected`} disabled={busy} className={secondaryButton}>
              {VERB[action]} selected
            </button>
            <button type="submit" name="intent" value={`${action}-all`} disabled={busy || matching === 0} className={secondaryButton}>
              {VERB[action]} all {matching.toLocaleString("en-US")}
            </button>
          </span>
        ))}
      </div>
    </form>
  );
}
