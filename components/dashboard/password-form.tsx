"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/lib/dashboard/actions";
import type { ActionState } from "@/lib/forms/action-state";

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand focus:outline-none focus:ring-1 focus:ring-brand";
const FIELDS = [
  ["currentPassword", "Current password", "current-password"],
  ["newPassword", "New password", "new-password"],
  ["confirmPassword", "New password again", "new-password"],
] as const;

export function PasswordForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(changePasswordAction, { status: "idle" });
  return (
    <form action={action} className="mt-4 max-w-sm space-y-3">
      {FIELDS.map(([name, label, autoComplete]) => {
        const error = state.status === "invalid" ? state.errors[name] : undefined;
        return (
          <div key={name}>
            <label htmlFor={`account-${name}`} className="block text-sm font-medium">
              {label}
            </label>
            <input
              id={`account-${name}`}
              name={name}
              type="password"
              autoComplete={autoComplete}
              required
              aria-invalid={!!error}
              aria-describedby={error ? `account-${name}-error` : undefined}
              className={input}
            />
            {error && (
              <p id={`account-${name}-error`} className="mt-1 text-sm text-red-700">
                {error.join(" ")}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
