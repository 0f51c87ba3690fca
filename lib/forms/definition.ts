import { z } from "zod";
import { CONTACT_FIELDS, DND_CHANNELS, type ContactFieldName } from "@/lib/leadconnector/contract";
import { isSitePathOrHttps } from "@/lib/net/http-url";
import { checkField, type Normalized } from "./checks";
import type { FieldDefinition, FormInput } from "./fields";
import { normalizeCountry, normalizeDate, normalizePhone } from "./normalize";

export type { AttributionField, CustomFieldTarget, FieldDefinition, FieldTarget, FormInput, Option } from "./fields";

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
      if (target !== "dnd" && !(CONTACT_FIELDS as readonly string[]).includes(target))
        problems.push(`field "${field.name}" maps to "${target}", which is not a create-contact property`);
      const allowed = KIND_TARGETS[field.kind];
      if (allowed && !allowed.includes(target)) problems.push(`field "${field.name}" is a ${field.kind} input and cannot fill "${target}"`);
      if (!allowed && target === "dnd") problems.push(`only a checkbox can fill "dnd"`);
      if (targets.has(target)) problems.push(`"${target}" is filled by two fields`);
      targets.add(target);
    } else if (!target.customField.trim()) {
      problems.push(`field "${field.name}" maps to a custom field without an id`);
    }
  }
  problems.push(...consentProblems(form));
  if (form.redirectTo !== undefined && !/^\/(?!\/)/.test(form.redirectTo))
    problems.push(`redirectTo "${form.redirectTo}" must be a path on this site, like /thanks`);
  const assignees = typeof form.assignedTo === "object" ? form.assignedTo.roundRobin : form.assignedTo !== undefined ? [form.assignedTo] : [];
  if (typeof form.assignedTo === "object" && assignees.length === 0) problems.push("assignedTo.roundRobin needs at least one user id");
  for (const user of assignees)
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(user)) problems.push(`assignedTo "${user}" is not a LeadConnector user id (letters, digits, - and _)`);
  if (!form.fields.some((f) => f.maps === "email" || f.maps === "phone"))
    problems.push("a form needs an email or phone field mapped to the contact, or the lead cannot be reached");
  return problems;
}

/** Consent that can be proved: each channel asked once, SMS on its own box, nothing ticked for the visitor. */
function consentProblems(form: FormInput): string[] {
  const problems: string[] = [];
  const covered = new Map<string, string>();
  for (const field of form.fields) {
    if (field.kind !== "consent") continue;
    const channels = field.channels ?? [];
    if (channels.length === 0) problems.push(`consent box "${field.name}" needs channels (the do-not-disturb channels it covers, like ["Email"])`);
    for (const channel of channels) {
      if (!(DND_CHANNELS as readonly string[]).includes(channel))
        problems.push(`consent box "${field.name}" names channel "${channel}"; the channels are ${DND_CHANNELS.join(", ")}`);
      const other = covered.get(channel);
      if (other === field.name) problems.push(`consent box "${field.name}" names channel "${channel}" twice`);
      else if (other !== undefined) problems.push(`channel "${channel}" is covered by two consent boxes ("${other}" and "${field.name}")`);
      covered.set(channel, field.name);
    }
    // TCPA practice: consent to texts is asked on its own, never bundled with another channel.
    if (channels.includes("SMS") && channels.length > 1) problems.push(`consent box "${field.name}" covers SMS and more: SMS consent needs a box of its own`);
    // A definition written in plain JavaScript could still carry these; consent is only ever the visitor's own tick.
    if (["checked", "defaultChecked", "defaultValue"].some((key) => key in field))
      problems.push(`consent box "${field.name}" is pre-ticked: consent boxes always start unticked`);
    if (field.maps !== undefined) problems.push(`consent box "${field.name}" fills its channels' dndSettings only and cannot map to anything else`);
  }
  if (form.privacyNoticeUrl !== undefined && !isSitePathOrHttps(form.privacyNoticeUrl))
    problems.push(`privacyNoticeUrl "${form.privacyNoticeUrl}" must be an https URL or a path on this site, like /privacy`);
  return problems;
}

/** What only the server checks, after the shared checks passed: its messages come back as field errors. */
const SERVER_ONLY: Partial<Record<FieldDefinition["kind"], (value: string, form: FormInput) => Normalized<string>>> = {
  phone: (value, form) => normalizePhone(value, form.defaultCountry),
  country: (value) => normalizeCountry(value),
  date: (value) => normalizeDate(value),
};

/** The server's schema for one input: the browser's checks (./checks.ts, same messages), then the server-only ones. */
function fieldSchema(field: FieldDefinition, form: FormInput): z.ZodType {
  return z.optional(z.unknown()).transform((raw, ctx) => {
    const checked = checkField(field, raw);
    const result = checked.ok && typeof checked.value === "string" && SERVER_ONLY[field.kind] ? SERVER_ONLY[field.kind]!(checked.value, form) : checked;
    if (result.ok) return result.value;
    ctx.addIssue({ code: "custom", message: result.message });
    return z.NEVER;
  });
}

/**
 * The privacy notice a form links to: its own, else the site's (`PRIVACY_NOTICE_URL`). A form that asks for consent
 * without either is refused, since consent is only informed next to the notice.
 */
export function privacyNoticeOf(form: FormInput, siteDefault: string | undefined): string | undefined {
  const url = form.privacyNoticeUrl ?? siteDefault;
  if (!url && form.fields.some((f) => f.kind === "consent"))
    throw new FormDefinitionError(`Form "${form.id}" asks for consent but has no privacy notice: set its privacyNoticeUrl or PRIVACY_NOTICE_URL`);
  return url;
}
