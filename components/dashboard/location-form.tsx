"use client";

import { useActionState } from "react";
import { saveLocationAction } from "@/lib/dashboard/actions";
import type { ActionState } from "@/lib/forms/action-state";

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand focus:outline-none focus:ring-1 focus:ring-brand";

export function LocationForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveLocationAction, { status: "idle" });
  const error = (name: string) =>
    state.status === "invalid" && state.errors[name] ? (
      <p id={`location-${name}-error`} className="mt-1 text-sm text-red-700">
        {state.errors[name].join(" ")}
      </p>
    ) : null;
  const describedBy = (name: string) =>
    [name === "token" ? "location-token-hint" : null, state.status === "invalid" && state.errors[name] ? `location-${name}-error` : null].filter(Boolean).join(" ") || undefined;
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
            className={input}
          />
          {name === "token" && (
            <p id="location-token-hint" className="mt-1 text-sm text-slate-600">
              Scopes: <code>contacts.write</code> (create contacts) and <code>contacts.readonly</code> (look one up after a lost answer, so it is never created twice).
            </p>
          )}
          {error(name)}
        </div>
      ))}
      {state.status === "done" && <p role="status" className="text-sm text-green-800">{state.message}</p>}
      {state.status === "error" && <p role="alert" className="text-sm text-red-700">{state.message}</p>}
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
        Save location
      </button>
    </form>
  );
}
