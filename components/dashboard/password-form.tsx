"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/lib/dashboard/actions";
import type { ActionState } from "@/lib/forms/action-state";
import { inputClass, primaryButton } from "@/components/ui/styles";

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
              className={inputClass}
            />
            {error && (
              <p id={`account-${name}-error`} className="mt-1 text-sm text-red-700">
                {error.join(" ")}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
