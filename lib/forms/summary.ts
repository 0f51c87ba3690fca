import type { FormDefinition } from "./definition";

/**
 * The lead's name and email as the dashboard lists them, read through the form's own mapping (whatever its inputs
 * are called): first and last name, or the single name field; the email field. Empty when the form is gone.
 */
export function leadSummary(form: FormDefinition | undefined, values: Record<string, unknown>): { name: string; email: string } {
  const valueOf = (target: string) => {
    const field = form?.fields.find((f) => f.maps === target);
    const value = field ? values[field.name] : undefined;
    return typeof value === "string" ? value : "";
  };
  const name = [valueOf("firstName"), valueOf("lastName")].filter(Boolean).join(" ") || valueOf("name");
  return { name, email: valueOf("email") };
}
