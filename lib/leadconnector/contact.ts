import type { DndChannel, FormDefinition } from "@/lib/forms/definition";

/** Plain properties of LeadConnector's CreateContactDto that a form input can fill. */
export const CONTACT_FIELDS = [
  "firstName",
  "lastName",
  "name",
  "email",
  "gender",
  "phone",
  "address1",
  "city",
  "state",
  "postalCode",
  "website",
  "timezone",
  "dateOfBirth",
  "country",
  "companyName",
] as const;
export type ContactFieldName = (typeof CONTACT_FIELDS)[number];

type DndStatus = { status: "active" | "inactive" | "permanent"; message?: string; code?: string };

/** The body of `POST /contacts/`: only documented properties, never an empty string. */
export type CreateContactBody = Partial<Record<ContactFieldName, string>> & {
  locationId: string;
  source: string;
  tags?: string[];
  dnd?: boolean;
  dndSettings?: Partial<Record<DndChannel, DndStatus>>;
  customFields?: { id: string; key?: string; field_value: unknown }[];
  assignedTo?: string;
};

export const SOURCE = "public api";

/** Maps a submission's validated values to the contact LeadConnector should create. */
export function toCreateContactBody(form: FormDefinition, values: Record<string, unknown>, locationId: string): CreateContactBody {
  const body: CreateContactBody = { locationId, source: SOURCE };
  for (const field of form.fields) {
    const value = values[field.name];
    if (field.contactField && typeof value === "string" && value !== "") body[field.contactField] = value;
  }
  const tags = [...new Set(form.tags)];
  if (tags.length > 0) body.tags = tags;
  if (form.consent) {
    // Consent lifts do-not-disturb on the channels it covers; without it they stay blocked.
    const status = values[form.consent.field] === true ? "inactive" : "active";
    body.dndSettings = Object.fromEntries(form.consent.channels.map((channel) => [channel, { status }]));
  }
  return body;
}
