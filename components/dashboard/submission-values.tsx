import type { FieldDefinition, FormDefinition } from "@/lib/forms/definition";

/** A stored value as a person reads it: option labels, Yes/No, lists joined. */
export function displayValue(field: FieldDefinition | undefined, value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const options = field && (field.kind === "select" || field.kind === "checkboxes") ? field.options : [];
  const label = (v: unknown) => options.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(label).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return label(value);
}

/** The values as labelled in the form, in its order; keys the form does not know follow, labelled by key. */
export function SubmissionValues({ form, fields }: { form: FormDefinition | undefined; fields: Record<string, unknown> }) {
  const known = form?.fields ?? [];
  const names = new Set(known.map((f) => f.name));
  const rows = [
    ...known.map((field) => ({ key: field.name, label: field.label, value: displayValue(field, fields[field.name]) })),
    ...Object.keys(fields)
      .filter((key) => !names.has(key))
      .map((key) => ({ key, label: key, value: displayValue(undefined, fields[key]) })),
  ];
  return (
    <dl data-testid="submission-values" className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[minmax(8rem,max-content)_1fr]">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="font-medium text-slate-800">{row.label}</dt>
          <dd className="whitespace-pre-wrap break-words text-slate-900">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
