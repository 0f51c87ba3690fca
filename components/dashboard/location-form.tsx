"use client";

import { useActionState } from "react";
import { saveLocationAction } from "@/lib/dashboard/actions";
import type { ActionState } from "@/lib/forms/action-state";
import { inputClass, primaryButton } from "@/components/ui/styles";
import { ActionMessage } from "./action-message";

export function LocationForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveLocationAction, { status: "idle" });
  const error = (name: string) =>
    state.status === "invalid" && state.errors[name] ? (
      <p id={`location-${name}-error`} className="mt-1 text-sm text-red-700">
        {state.errors[name].join(" ")}
      </p>
    ) : null;
  const describedBy = (name: string) =>
    [name === "token" ? "location-token-hint" : null, state.status === "invalid" && state.errors[name] ? `location-${name}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <form action={action} className="mt-4 space-y-3">
      {(["name", "id", "token"] as const).map((name) => (
        <div key={name}>
          <label htmlFor={`location-${name}`} className="block text-sm font-medium">
            {{ name: "Name", id: "Location id", token: "Private Integration Token" }[name]}
          </label>
          <input
            id={`location-${name}`}
            name={name}
            type={name === "token" ? "password" : "text"}
            autoComplete="off"
            aria-invalid={state.status === "invalid" && !!state.errors[name]}
            aria-describedby={describedBy(name)}
            className={inputClass}
          />
          {name === "token" && (
            <p id="location-token-hint" className="mt-1 text-sm text-slate-600">
              Scopes: <code>contacts.write</code> (create contacts) and <code>contacts.readonly</code> (look one up after a lost answer, so it is never created
              twice); <code>locations/customFields.readonly</code> lets Check mapping read the location&apos;s custom fields.
            </p>
          )}
          {error(name)}
        </div>
      ))}
      <ActionMessage state={state} />
      <button type="submit" disabled={pending} className={primaryButton}>
        Save location
      </button>
    </form>
  );
}
