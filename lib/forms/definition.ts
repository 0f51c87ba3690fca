import type { z } from "zod";
import type { ContactFieldName } from "@/lib/leadconnector/contact";

/** LeadConnector's do-not-disturb channels. */
export type DndChannel = "Call" | "Email" | "SMS" | "WhatsApp" | "GMB" | "FB";

export type FieldDefinition = {
  name: string;
  label: string;
  type: "text" | "email" | "tel" | "checkbox";
  autoComplete?: string;
  required?: boolean;
  help?: string;
  /** The create-contact property this input fills; absent for inputs that map elsewhere (consent). */
  contactField?: ContactFieldName;
};

export type FormDefinition<Schema extends z.ZodType = z.ZodType> = {
  id: string;
  title: string;
  submitLabel: string;
  thankYou: string;
  /** Tags every contact from this form carries. */
  tags: string[];
  fields: FieldDefinition[];
  /** The one schema for the browser (react-hook-form) and the server action. */
  schema: Schema;
  /** The checkbox whose value is marketing consent, and the channels it covers. */
  consent?: { field: string; channels: DndChannel[] };
};

export function defineForm<Schema extends z.ZodType>(form: FormDefinition<Schema>) {
  return form;
}
