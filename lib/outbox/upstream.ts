// What is sent upstream for a submission, in one place: the create body, its tags and attribution custom fields,
// and the lookups that find a contact an earlier (lost) answer may have created.
import type { AttributionField, CustomFieldTarget, FormDefinition } from "@/lib/forms/definition";
import type { ContactFieldName, DndChannel } from "@/lib/leadconnector/contract";
import type { Attribution } from "./attribution";

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
    assignedTo,
  }: {
    locationId: string;
    tags: string[];
    extraCustomFields?: { target: CustomFieldTarget; value: string }[];
    timezone?: string | null;
    /** The user this submission was routed to (lib/outbox/routing.ts). */
    assignedTo?: string | null;
  },
): CreateContactBody {
  const body: CreateContactBody = { locationId, source: form.source ?? DEFAULT_SOURCE };
  const customFields: CustomFieldValue[] = [];
  for (const field of form.fields) {
    const value = values[field.name];
    if (field.kind === "consent") {
      // Each box speaks for its own channels only: ticked lifts do-not-disturb there, unticked keeps it blocked.
      const status = value === true ? "inactive" : "active";
      for (const channel of field.channels) body.dndSettings = { ...body.dndSettings, [channel]: { status } };
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
  const assignee = assignedTo ?? (typeof form.assignedTo === "string" ? form.assignedTo : null);
  if (assignee) body.assignedTo = assignee;
  return body;
}

/**
 * The tags a submission's contact gets: the form's, the partner's for embeds, and `utm_source:<value>` /
 * `utm_campaign:<value>` (lowercased, at most 64 characters) unless the form turns them off; no duplicates.
 */
export function submissionTags(form: FormDefinition, attribution: Attribution | null): string[] {
  const tags = [...form.tags];
  if (attribution?.partner) tags.push(attribution.partner.tag);
  if (form.attribution?.tags !== false) {
    for (const name of ["utm_source", "utm_campaign"] as const) {
      const value = attribution?.utm?.[name]?.trim().toLowerCase();
      if (value) tags.push(`${name}:${value}`.slice(0, 64));
    }
  }
  const seen = new Set<string>();
  return tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

/** Attribution values the form sends to custom fields. */
export function attributionCustomFields(form: FormDefinition, attribution: Attribution | null): { target: CustomFieldTarget; value: string }[] {
  const targets = Object.entries(form.attribution?.customFields ?? {}) as [AttributionField, CustomFieldTarget][];
  return targets.flatMap(([field, target]) => {
    const value =
      field === "referrer"
        ? attribution?.referrer
        : field === "landingUrl"
          ? attribution?.landingUrl
          : field === "partner"
            ? attribution?.partner?.name
            : attribution?.utm?.[field];
    return value ? [{ target, value }] : [];
  });
}

/** How to find a contact this submission may already have made: by email, then by phone. */
export function lookupQueries(form: FormDefinition, values: Record<string, unknown>): ({ email: string } | { number: string })[] {
  const valueOf = (target: "email" | "phone") => {
    const field = form.fields.find((f) => f.maps === target);
    const value = field && values[field.name];
    return typeof value === "string" && value ? value : undefined;
  };
  const email = valueOf("email");
  const number = valueOf("phone");
  return [...(email ? [{ email }] : []), ...(number ? [{ number }] : [])];
}
