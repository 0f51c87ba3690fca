import type { CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import { CONTACT_FIELDS, type ContactFieldName } from "@/lib/leadconnector/contact";
import {
  normalizeCountry,
  normalizeDate,
  normalizeEmail,
  normalizePhone,
  normalizeText,
  normalizeTimezone,
  normalizeWebsite,
  type Normalized,
} from "./normalize";

/** LeadConnector's do-not-disturb channels. */
export const DND_CHANNELS = ["Call", "Email", "SMS", "WhatsApp", "GMB", "FB"] as const;
export type DndChannel = (typeof DND_CHANNELS)[number];

export type Option = { value: string; label: string };

/**
 * A LeadConnector custom field. `valueKey` is the property that carries the value: the documented
 * `field_value` unless the account only accepts `value` or `fieldValue`.
 */
export type CustomFieldTarget = { customField: string; key?: string; valueKey?: "field_value" | "value" | "fieldValue" };

/** Where an input's value goes in the contact: a create-contact property, `dnd`, or a custom field. */
export type FieldTarget = ContactFieldName | "dnd" | CustomFieldTarget;

type Common = { name: string; label: string; help?: string; required?: boolean; autoComplete?: string; maps?: FieldTarget };

export type FieldDefinition = Common &
  (
    | { kind: "text"; maxLength?: number; multiline?: boolean }
    | { kind: "email" | "phone" | "url" | "date" | "country" | "timezone" }
    | { kind: "select"; options: Option[] }
    | { kind: "number"; min?: number; max?: number }
    /** Several boxes under one name: a string array (checkbox and multi-select custom fields). */
    | { kind: "checkboxes"; options: Option[] }
    | { kind: "checkbox" }
    /** The marketing-consent box: its label is the wording stored with the submission. */
    | { kind: "consent" }
  );

export type FormInput = {
  id: string;
  title: string;
  submitLabel: string;
  thankYou: string;
  /** Tags every contact from this form carries. */
  tags: string[];
  fields: FieldDefinition[];
  /** Assumed for phone numbers typed without a +country code. */
  defaultCountry: CountryCode;
  /** The LeadConnector location contacts go to; the configured default when absent. */
  location?: string;
  /** `source` of the contact; "public api" when absent. */
  source?: string;
  /** A LeadConnector user id to assign every contact to. */
  assignedTo?: string;
  /** Channels the consent box covers: consent lifts do-not-disturb on them, its absence sets it. */
  consentChannels?: DndChannel[];
  /** A fixed inbound do-not-disturb status for every contact of this form. */
  inboundDnd?: "active" | "inactive";
  /** Where attribution goes: utm_source/utm_campaign tags (on unless `tags: false`) and custom fields. */
  attribution?: { tags?: boolean; customFields?: Partial<Record<AttributionField, CustomFieldTarget>> };
  /** Send the visitor here after a successful submission instead of showing `thankYou`. */
  redirectTo?: string;
};

export type AttributionField = "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "referrer" | "landingUrl" | "partner";

export type FormDefinition = FormInput & { schema: z.ZodObject<Record<string, z.ZodType>> };

export class FormDefinitionError extends Error {}

/** Checks a form definition and derives its one zod schema; a broken definition throws, failing the build. */
export function defineForm(input: FormInput): FormDefinition {
  const problems = checkDefinition(input);
  if (problems.length > 0) throw new FormDefinitionError(`Form "${input.id}" is invalid:\n- ${problems.join("\n- ")}`);
  return { ...input, schema: z.object(Object.fromEntries(input.fields.map((f) => [f.name, fieldSchema(f, input)]))) };
}

const KIND_TARGETS: Partial<Record<FieldDefinition["kind"], (ContactFieldName | "dnd")[]>> = {
  email: ["email"],
  phone: ["phone"],
  url: ["website"],
  date: ["dateOfBirth"],
  country: ["country"],
  timezone: ["timezone"],
  checkbox: ["dnd"],
  number: [],
  checkboxes: [],
  consent: [],
};

function checkDefinition(form: FormInput): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9-]+$/.test(form.id)) problems.push(`id "${form.id}" must be lowercase letters, digits and dashes (it is part of the URL)`);
  const names = new Set<string>();
  const targets = new Set<string>();
  for (const field of form.fields) {
    if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(field.name)) problems.push(`field name "${field.name}" must start with a letter and use letters, digits or _`);
    if (names.has(field.name)) problems.push(`field name "${field.name}" is used twice`);
    names.add(field.name);
    if (!field.label.trim()) problems.push(`field "${field.name}" needs a label`);
    if ((field.kind === "select" || field.kind === "checkboxes") && field.options.length === 0) problems.push(`field "${field.name}" needs options`);
    const target = field.maps;
    if (target === undefined) continue;
    if (typeof target === "string") {
      if (target !== "dnd" && !(CONTACT_FIELDS as readonly string[]).includes(target)) problems.push(`field "${field.name}" maps to "${target}", which is not a create-contact property`);
      const allowed = KIND_TARGETS[field.kind];
      if (allowed && !allowed.includes(target)) problems.push(`field "${field.name}" is a ${field.kind} input and cannot fill "${target}"`);
      if (!allowed && target === "dnd") problems.push(`only a checkbox can fill "dnd"`);
      if (targets.has(target)) problems.push(`"${target}" is filled by two fields`);
      targets.add(target);
    } else if (!target.customField.trim()) {
      problems.push(`field "${field.name}" maps to a custom field without an id`);
    }
  }
  if (form.fields.filter((f) => f.kind === "consent").length > 1) problems.push("a form has at most one consent box");
  if (form.consentChannels?.length && !form.fields.some((f) => f.kind === "consent")) problems.push("consentChannels is set but the form has no consent box");
  if (form.fields.some((f) => f.kind === "consent") && !form.consentChannels?.length) problems.push("the consent box needs consentChannels (the channels it covers)");
  if (form.redirectTo !== undefined && !/^\/(?!\/)/.test(form.redirectTo)) problems.push(`redirectTo "${form.redirectTo}" must be a path on this site, like /thanks`);
  if (!form.fields.some((f) => f.maps === "email" || f.maps === "phone")) problems.push("a form needs an email or phone field mapped to the contact, or the lead cannot be reached");
  return problems;
}

/**
 * The longest input each kind accepts (characters, after trimming), checked before normalising so no value is bounded
 * only by the body limit. Email: RFC 5321's 254-character path; URL: 2,000, what browsers and LeadConnector handle.
 */
export const MAX_LENGTH = {
  text: 200,
  multiline: 5000,
  email: 254,
  phone: 40,
  url: 2000,
  date: 32,
  country: 100,
  timezone: 64,
  select: 200,
  number: 32,
} as const;

/** A field's maximum: a text field's own `maxLength` (at most the multiline bound), else its kind's. */
export function maxLengthOf(field: FieldDefinition): number | null {
  if (field.kind === "text") return Math.min(field.maxLength ?? (field.multiline ? MAX_LENGTH.multiline : MAX_LENGTH.text), MAX_LENGTH.multiline);
  return field.kind in MAX_LENGTH ? MAX_LENGTH[field.kind as keyof typeof MAX_LENGTH] : null;
}

/** An optional string input: trimmed, empty becomes undefined (never sent as ""), bounded, then normalised. */
function optionalInput<T>(field: FieldDefinition, normalize: (value: string) => Normalized<T>) {
  const max = maxLengthOf(field);
  return z
    .optional(z.union([z.string(), z.null()]))
    .transform((raw, ctx): T | undefined => {
      const value = raw?.trim() ?? "";
      if (!value) {
        if (field.required) ctx.addIssue({ code: "custom", message: requiredMessage(field) });
        return undefined;
      }
      if (max !== null && value.length > max) {
        ctx.addIssue({ code: "custom", message: `${field.label} must be at most ${max.toLocaleString("en-US")} characters` });
        return z.NEVER;
      }
      const result = normalize(value);
      if (result.ok) return result.value;
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    });
}

function requiredMessage(field: FieldDefinition) {
  if (field.kind === "select" || field.kind === "country" || field.kind === "timezone") return `Choose your ${field.label.toLowerCase()}`;
  if (field.kind === "checkboxes") return "Choose at least one";
  if (field.kind === "checkbox" || field.kind === "consent") return "Tick this box to continue";
  return `Enter your ${field.label.toLowerCase()}`;
}

/** A checkbox: "on" (or its value) from a plain HTML post, a boolean from react-hook-form. */
const checked = z.optional(z.union([z.boolean(), z.string(), z.null()])).transform((v) => v === true || (typeof v === "string" && v !== "" && v !== "false"));

function fieldSchema(field: FieldDefinition, form: FormInput): z.ZodType {
  switch (field.kind) {
    case "text": {
      const max = maxLengthOf(field)!;
      return optionalInput(field, (value) => {
        // Browsers post a textarea's line breaks as CRLF; store them as plain newlines.
        const text = field.multiline ? value.normalize("NFC").replace(/\r\n?/g, "\n") : normalizeText(value);
        return text.length <= max ? { ok: true, value: text } : { ok: false, message: `${field.label} must be at most ${max.toLocaleString("en-US")} characters` };
      });
    }
    case "email":
      return optionalInput(field, normalizeEmail);
    case "phone":
      return optionalInput(field, (value) => normalizePhone(value, form.defaultCountry));
    case "url":
      return optionalInput(field, normalizeWebsite);
    case "date":
      return optionalInput(field, (value) => normalizeDate(value));
    case "country":
      return optionalInput(field, normalizeCountry);
    case "timezone":
      return optionalInput(field, normalizeTimezone);
    case "select":
      return optionalInput(field, (value) =>
        field.options.some((o) => o.value === value) ? { ok: true, value } : { ok: false, message: `Choose one of the options for ${field.label.toLowerCase()}` },
      );
    case "number":
      return optionalInput(field, (value) => {
        const number = Number(value.replace(/[\s,]/g, ""));
        if (!Number.isFinite(number)) return { ok: false, message: `${field.label} must be a number` };
        if (field.min !== undefined && number < field.min) return { ok: false, message: `${field.label} must be at least ${field.min}` };
        if (field.max !== undefined && number > field.max) return { ok: false, message: `${field.label} must be at most ${field.max}` };
        return { ok: true, value: number };
      });
    case "checkboxes":
      return z
        .optional(z.union([z.array(z.string()), z.string(), z.boolean(), z.null()]))
        .transform((raw, ctx) => {
          const values = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
          const chosen = field.options.map((o) => o.value).filter((v) => values.includes(v));
          if (field.required && chosen.length === 0) ctx.addIssue({ code: "custom", message: requiredMessage(field) });
          return chosen;
        });
    case "checkbox":
    case "consent":
      return field.required ? checked.refine((v) => v, requiredMessage(field)) : checked;
  }
}
