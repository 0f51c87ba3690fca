"use client";

import { useActionState } from "react";
import { judgeHeld } from "@/lib/dashboard/actions";
import type { ActionState } from "@/lib/forms/action-state";
import { secondaryButton } from "@/components/ui/styles";

/**
 * Release or discard Held submissions: the rows ticked in the table (its checkboxes belong to this form), or every
 * one matching the filter, after a confirmation naming the count. A server action, so it works without JavaScript.
 */
export function HeldActions({
  formId,
  matching,
  filter,
  children,
}: {
  formId: string;
  matching: number;
  /** The list's filter as its URL carries it (search sealed): "all matching" acts on exactly what was counted. */
  filter: string;
  children: React.ReactNode;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(judgeHeld, { status: "idle" });
  const confirmAll = (verb: string) => (event: React.MouseEvent<HTMLButtonElement>) => {
    if (!window.confirm(`${verb} all ${matching} held submissions matching this filter?`)) event.preventDefault();
  };
  return (
    <form id={formId} action={action} className="space-y-3">
      <input type="hidden" name="filter" value={filter} />
      {(state.status === "done" || state.status === "error") && (
        <p
          role={state.status === "done" ? "status" : "alert"}
          className={state.status === "done" ? "rounded-md bg-green-50 p-3 text-sm text-green-900" : "rounded-md bg-red-50 p-3 text-sm text-red-800"}
        >
          {state.message}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Reason for discarding</span>
          <input name="discardReason" defaultValue="Spam" maxLength={200} className="mt-1 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" name="intent" value="release-selected" disabled={pending} className={secondaryButton}>
          Release selected
        </button>
        <button type="submit" name="intent" value="discard-selected" disabled={pending} className={secondaryButton}>
          Discard selected
        </button>
        <button
          type="submit"
          name="intent"
          value="release-all"
          disabled={pending || matching === 0}
          onClick={confirmAll("Release")}
          className={secondaryButton}
        >
          Release all {matching}
        </button>
        <button
          type="submit"
          name="intent"
          value="discard-all"
          disabled={pending || matching === 0}
          onClick={confirmAll("Discard")}
          className={secondaryButton}
        >
          Discard all {matching}
        </button>
      </div>
      {children}
    </form>
  );
}
