"use client";

import { useActionState } from "react";
import { addPersonAction, changePersonAction } from "@/lib/dashboard/people-actions";
import type { ActionState } from "@/lib/forms/action-state";
import { inputClass, primaryButton, secondaryButton } from "@/components/ui/styles";
import { ActionMessage } from "./action-message";

const ROLE_LABELS = { ADMIN: "Admin", MARKETER: "Marketer", VIEWER: "Viewer" } as const;
type Role = keyof typeof ROLE_LABELS;

/** Adds a person: email, role, and a password they chose or none (one is generated and shown once). */
export function AddPersonForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(addPersonAction, { status: "idle" });
  const errors = state.status === "invalid" ? state.errors : {};
  const field = (name: string) => ({
    id: `person-${name}`,
    name,
    "aria-invalid": !!errors[name],
    "aria-describedby": errors[name] ? `person-${name}-error` : name === "password" ? "person-password-hint" : undefined,
  });
  const error = (name: string) =>
    errors[name] ? (
      <p id={`person-${name}-error`} className="mt-1 text-sm text-red-700">
        {errors[name].join(" ")}
      </p>
    ) : null;
  return (
    <form action={action} className="mt-4 space-y-3">
      <div>
        <label htmlFor="person-email" className="block text-sm font-medium">
          Email
        </label>
        <input {...field("email")} type="email" autoComplete="off" required className={inputClass} />
        {error("email")}
      </div>
      <div>
        <label htmlFor="person-role" className="block text-sm font-medium">
          Role
        </label>
        <select {...field("role")} defaultValue="MARKETER" className={inputClass}>
          {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        {error("role")}
      </div>
      <div>
        <label htmlFor="person-password" className="block text-sm font-medium">
          Password (optional)
        </label>
        <input {...field("password")} type="password" autoComplete="new-password" className={inputClass} />
        <p id="person-password-hint" className="mt-1 text-sm text-slate-600">
          Leave empty to generate a one-time password, shown once here.
        </p>
        {error("password")}
      </div>
      <ActionMessage state={state} className="mt-2" />
      <button type="submit" disabled={pending} className={primaryButton}>
        Add person
      </button>
    </form>
  );
}

/** One person's changes: role, access, password. */
export function PersonActions({ userId, email, role, active }: { userId: string; email: string; role: Role; active: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changePersonAction, { status: "idle" });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
        {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="role" disabled={pending} className={secondaryButton}>
        Change role
      </button>
      <button type="submit" name="intent" value={active ? "deactivate" : "reactivate"} disabled={pending} className={secondaryButton}>
        {active ? "Deactivate" : "Reactivate"}
      </button>
      <button type="submit" name="intent" value="reset-password" disabled={pending} className={secondaryButton}>
        Reset password
      </button>
      <ActionMessage state={state} className="mt-2" />
    </form>
  );
}
