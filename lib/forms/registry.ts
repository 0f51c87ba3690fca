import { contactForm } from "./contact";
import type { FormDefinition } from "./definition";

const forms: Record<string, FormDefinition> = { [contactForm.id]: contactForm };

export function findForm(id: string): FormDefinition | undefined {
  return Object.hasOwn(forms, id) ? forms[id] : undefined;
}
