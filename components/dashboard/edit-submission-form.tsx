"use client";

import { useActionState } from "react";
import { inputClass, primaryButton } from "@/components/ui/styles";
import { editSubmission } from "@/lib/dashboard/submission-actions";
import type { ActionState } from "@/lib/forms/action-state";
import type { FieldDefinition } from "@/lib/forms/definition";
import { ActionMessage } from "./action-message";

const INPUT_TYPES: Partial<Record<FieldDefinition["kind"], string>> = { email: "email", phone: "tel", url: "url", number: "number" };

/** The form's own fields, prefilled with the stored values; the server checks them with the form's schema. */
export function EditSubmissionForm({ submissionId, fields, values }: { submissionId: string; fields: FieldDefinition[]; values: Record<string, unknown> }) {
  // What was posted comes back as the inputs' defaults: React resets a form after its action, and a refused value must stay to be corrected.
  const [{ state, posted }, action, pending] = useActionState<{ state: ActionState; posted: FormData | null }, FormData>(
    async (previous, formData) => ({ state: await editSubmission(previous.state, formData), posted: formData }),
    { state: { status: "idle" }, posted: null },
  );
  const errors = state.status === "invalid" ? state.errors : {};
  const shown = (field: FieldDefinition): unknown => {
    if (!posted || state.status !== "invalid") return values[field.name];
    if (field.kind === "checkboxes") return posted.getAll(field.name);
    if (field.kind === "checkbox") return posted.has(field.name);
    return posted.get(field.name) ?? undefined;
  };
  return (
    <form action={action} noValidate className="mt-3 space-y-4">
      <input type="hidden" name="submissionId" value={submissionId} />
      {fields.map((field) => (
        <EditField key={field.name} field={field} value={shown(field)} error={errors[field.name]?.join(" ")} />
      ))}
      <ActionMessage state={state} />
      {state.status === "invalid" && (
        <p role="alert" className="text-sm text-red-700">
          Nothing was saved: correct the fields marked below.
        </p>
      )}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Saving…" : "Save and resend"}
      </button>
    </form>
  );
}

function EditField({ field, value, error }: { field: FieldDefinition; value: unknown; error?: string }) {
  const id = `edit-${field.name}`;
  const aria = { "aria-invalid": !!error, "aria-describedby": error ? `${id}-error` : undefined };
  const message = error && (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  );
  if (field.kind === "checkbox") {
    return (
      <div>
        <div className="flex items-start gap-3">
          <input id={id} name={field.name} type="checkbox" defaultChecked={value === true} className="mt-1 size-4" {...aria} />
          <label htmlFor={id} className="text-sm">
            {field.label}
          </label>
        </div>
        {message}
      </div>
    );
  }
  if (field.kind === "checkboxes") {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset {...aria}>
        <legend className="text-sm font-medium">{field.label}</legend>
        {field.options.map((option) => (
          <div key={option.value} className="mt-1 flex items-center gap-2">
            <input
              id={`${id}-${option.value}`}
              name={field.name}
              type="checkbox"
              value={option.value}
              defaultChecked={chosen.includes(option.value)}
              className="size-4"
            />
            <label htmlFor={`${id}-${option.value}`} className="text-sm">
              {option.label}
            </label>
          </div>
        ))}
        {message}
      </fieldset>
    );
  }
  const text = value === undefined || value === null ? "" : String(value);
  const label = (
    <label htmlFor={id} className="block text-sm font-medium">
      {field.label}
      {field.required && <span className="text-slate-600"> (required)</span>}
    </label>
  );
  if (field.kind === "select") {
    return (
      <div>
        {label}
        <select id={id} name={field.name} defaultValue={text} className={inputClass} {...aria}>
          <option value="">—</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {message}
      </div>
    );
  }
  return (
    <div>
      {label}
      {field.kind === "text" && field.multiline ? (
        <textarea id={id} name={field.name} defaultValue={text} rows={4} className={inputClass} {...aria} />
      ) : (
        <input id={id} name={field.name} type={INPUT_TYPES[field.kind] ?? "text"} defaultValue={text} className={inputClass} {...aria} />
      )}
      {message}
    </div>
  );
}
