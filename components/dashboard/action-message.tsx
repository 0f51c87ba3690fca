import type { ActionState } from "@/lib/forms/action-state";

/** What a dashboard form's action answered: a done message as a status, an error as an alert, nothing otherwise. */
export function ActionMessage({ state, className = "" }: { state: ActionState; className?: string }) {
  if (state.status === "done")
    return (
      <p role="status" className={`text-sm text-green-800 ${className}`}>
        {state.message}
      </p>
    );
  if (state.status === "error")
    return (
      <p role="alert" className={`text-sm text-red-700 ${className}`}>
        {state.message}
      </p>
    );
  return null;
}
