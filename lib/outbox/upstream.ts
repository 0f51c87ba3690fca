import type { CustomFieldTarget, FormDefinition } from "@/lib/forms/definition";
import type { ContactFieldName, DndChannel } from "./contract";

type DndStatus = { status: "active" | "inactive" | "permanent"; message?: string; code?: string };
export type CustomFieldValue = { id: string; key?: string } & Partial<Record<"field_value" | "value" | "fieldValue", string | number | string[]>>;

/** The body of `POST /contacts/`: only documented properties, never an empty string. */
export type CreateContactBody = Partial<Record<ContactFieldName, string>> & {
  locationId: string;
  source: string;
  tags?: string[];
  dnd?: boolean;
  dndSettings?: Partial<Record<DndChannel, DndStatus>>;
  inboundDndSettings?: { all: { status: "active" | "inactive" } };
  customFields?: CustomFieldValue[];
  assignedTo?: string;
};

export const DEFAULT_SOURCE = "public api";

/** Maps a submission's validated values to the contact LeadConnector should create. */
export function toCreateContactBody(
  form: FormDefinition,
  values: Record<string, unknown>,
  {
    locationId,
    tags,
    extraCustomFields = [],
    timezone,
  }: { locationId: string; tags: string[]; extraCustomFields?: { target: CustomFieldTarget; value: string }[]; timezone?: string | null },
): CreateContactBody {
  const body: CreateContactBody = { locationId, source: form.source ?? DEFAULT_SOURCE };
  const customFields: CustomFieldValue[] = [];
  for (const field of form.fields) {
    const value = values[field.name];
    if (field.kind === "consent") {
      // Consent lifts do-not-disturb on the channels it covers; without it they stay blocked.
      const status = value === true ? "inactive" : "active";
      body.dndSettings = Object.fromEntries((form.consentChannels ?? []).map((channel) => [channel, { status }]));
      continue;
    }
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0) || !field.maps) continue;
    if (field.maps === "dnd") {
      body.dnd = value === true;
    } else if (typeof field.maps === "string") {
      body[field.maps] = String(value);
    } else if (value !== false) {
      const { customField, key, valueKey = "field_value" } = field.maps;
      // A single checkbox fills a checkbox custom field as a one-item list when ticked.
      const sent = value === true ? ["Yes"] : (value as string | number | string[]);
      customFields.push({ id: customField, ...(key ? { key } : {}), [valueKey]: sent });
    }
  }
  for (const { target, value } of extraCustomFields) {
    customFields.push({ id: target.customField, ...(target.key ? { key: target.key } : {}), [target.valueKey ?? "field_value"]: value });
  }
  if (customFields.length > 0) body.customFields = customFields;
  if (timezone && !body.timezone) body.timezone = timezone;
  if (tags.length > 0) body.tags = tags;
  if (form.inboundDnd) body.inboundDndSettings = { all: { status: form.inboundDnd } };
  if (form.assignedTo) body.assignedTo = form.assignedTo;
  return body;
}
