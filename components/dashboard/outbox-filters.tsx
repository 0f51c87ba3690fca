"use client";

import { useActionState } from "react";
import { secondaryButton } from "@/components/ui/styles";
import { filterOutbox } from "@/lib/dashboard/outbox-actions";
import type { ActionState } from "@/lib/forms/action-state";

type Choice = { value: string; label: string };

export type FilterValues = {
  status?: string;
  form?: string;
  partner?: string;
  location?: string;
  reason?: string;
  from?: string;
  to?: string;
  search?: string;
  order?: string;
};

// A ring on focus, as every other input has. focus-within, not focus: a date input whose day, month or year has the
// focus does not match :focus in Chromium and draws no outline (tests/e2e/keyboard.e2e.ts found it).
const control =
  "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 focus-within:border-brand focus-within:outline-none focus-within:ring-1 focus-within:ring-brand aria-invalid:border-red-600";

/**
 * The outbox's filter. It posts (a server action, so it works without JavaScript): the search term is sealed by the
 * server before it reaches the URL. Dates are whole days in UTC.
 */
export function OutboxFilters({
  values,
  forms,
  partners,
  locations,
  heldReasons,
}: {
  values: FilterValues;
  forms: Choice[];
  partners: Choice[];
  locations: Choice[];
  /** Shown on the Held tab only. */
  heldReasons?: Choice[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(filterOutbox, { status: "idle" });
  const errors = state.status === "invalid" ? state.errors : {};
  const described = (name: string) => (errors[name] ? `filter-${name}-error` : undefined);
  const select = (name: keyof FilterValues, label: string, any: string, choices: Choice[]) => (
    <div className="text-sm">
      <label htmlFor={`filter-${name}`} className="block font-medium text-slate-800">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={values[name] ?? ""} className={control}>
        <option value="">{any}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
  const day = (name: "from" | "to", label: string) => (
    <label className="text-sm">
      <span className="block font-medium text-slate-800">{label}</span>
      <input type="date" name={name} defaultValue={values[name] ?? ""} aria-invalid={!!errors[name]} aria-describedby={described(name)} className={control} />
    </label>
  );
  return (
    <form action={action} role="search" aria-label="Filter the outbox" className="mb-4 space-y-2">
      {values.status && <input type="hidden" name="status" value={values.status} />}
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Search</span>
          <input
            type="search"
            name="search"
            defaultValue={values.search ?? ""}
            maxLength={100}
            placeholder="Name, email, phone or company"
            autoComplete="off"
            aria-invalid={!!errors.search}
            aria-describedby={described("search")}
            className={`${control} w-64`}
          />
        </label>
        {select("form", "Form", "Any form", forms)}
        {partners.length > 0 && select("partner", "Partner", "Any partner", partners)}
        {locations.length > 1 && select("location", "Location", "Any location", locations)}
        {heldReasons && select("reason", "Held because", "Any reason", heldReasons)}
        {day("from", "From (UTC)")}
        {day("to", "To (UTC)")}
        {select("order", "Order", "Newest first", [{ value: "oldest", label: "Oldest first" }])}
        <button type="submit" disabled={pending} className={secondaryButton}>
          Filter
        </button>
      </div>
      {Object.entries(errors).map(([name, messages]) => (
        <p key={name} id={`filter-${name}-error`} className="text-sm text-red-700">
          {messages.join(" ")}
        </p>
      ))}
    </form>
  );
}
