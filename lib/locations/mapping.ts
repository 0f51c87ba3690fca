import type { Env } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import type { CustomFieldTarget, FieldDefinition, FormDefinition } from "@/lib/forms/definition";
import type { LeadConnectorCall, LeadConnectorClient } from "@/lib/leadconnector/client";
import { createLocationDirectory, defaultLocationId, isSandbox } from "./directory";

/** The scope `GET /locations/{id}/customFields` needs. */
export const CUSTOM_FIELDS_SCOPE = "locations/customFields.readonly";

/** A contact custom field as LeadConnector lists it for a location. */
export type LocationCustomField = { id: string; name: string; fieldKey: string; dataType: string };

/** One place a form sends a value to a custom field: an input, or an attribution value. */
export type MappedTarget = { formId: string; formTitle: string; field: string; target: CustomFieldTarget; kind: FieldDefinition["kind"] | "attribution" };

export type MappingProblem = { formId: string; formTitle: string; field: string; target: string; reason: string };

/** What a check found: every target looked up (problems empty when all were found), or why nothing was checked. */
export type MappingCheck =
  | { kind: "checked"; targets: number; customFields: number; problems: MappingProblem[] }
  /** The token was refused (401/403): it most likely lacks CUSTOM_FIELDS_SCOPE. */
  | { kind: "refused"; status: number; reason: string }
  /** Timeout, network error, 429 or 5xx: worth trying again later. */
  | { kind: "unavailable"; reason: string }
  /** Any other answer: nothing could be checked. */
  | { kind: "unexpected"; reason: string };

/** Every custom-field target of the forms that deliver to this location. */
export function customFieldTargets(forms: FormDefinition[], locationId: string, defaultLocationId: string): MappedTarget[] {
  return forms
    .filter((form) => (form.location ?? defaultLocationId) === locationId)
    .flatMap((form) => {
      const own = { formId: form.id, formTitle: form.title };
      const inputs = form.fields.flatMap((field) =>
        typeof field.maps === "object" ? [{ ...own, field: `${field.label} (${field.name})`, target: field.maps, kind: field.kind }] : [],
      );
      const attribution = Object.entries(form.attribution?.customFields ?? {}).flatMap(([name, target]) =>
        target ? [{ ...own, field: `attribution ${name}`, target, kind: "attribution" as const }] : [],
      );
      return [...inputs, ...attribution];
    });
}

/**
 * Check mapping for one location: its token from the locations directory, the targets of the forms delivering to it,
 * and the report; `result` says how it went, for the audit entry (never the token).
 */
export async function checkLocationMapping(
  database: Database,
  env: Env,
  forms: FormDefinition[],
  locationId: string,
): Promise<{ result: MappingCheck["kind"] | "sandbox" | "no-token"; problems: number; report: Exclude<MappingReport, { status: "idle" }> }> {
  const refuse = (result: "sandbox" | "no-token", summary: string) => ({
    result,
    problems: 0,
    report: { status: "report" as const, ok: false, summary, problems: [] },
  });
  if (isSandbox(env)) return refuse("sandbox", "Sandbox mode: there is no LeadConnector location to read custom fields from.");
  const access = await createLocationDirectory(database, env).access(locationId);
  if (!access) return refuse("no-token", `No token is stored for ${locationId}: add it below, then check again.`);
  const check = await checkMapping(access.client, locationId, customFieldTargets(forms, locationId, defaultLocationId(env)));
  return { result: check.kind, problems: check.kind === "checked" ? check.problems.length : 0, report: mappingReport(check) };
}

/** Reads the location's custom fields and looks up every target, by id and by key. Reads only: nothing changes. */
export async function checkMapping(client: LeadConnectorClient, locationId: string, targets: MappedTarget[]): Promise<MappingCheck> {
  const call = await client.listCustomFields(locationId);
  const listed = customFieldsOf(call);
  if ("kind" in listed) return listed;
  return { kind: "checked", targets: targets.length, customFields: listed.fields.length, problems: findProblems(targets, listed.fields) };
}

function customFieldsOf(call: LeadConnectorCall): { fields: LocationCustomField[] } | Exclude<MappingCheck, { kind: "checked" }> {
  if (call.kind === "timeout") return { kind: "unavailable", reason: call.error };
  if (call.kind === "network") return { kind: "unavailable", reason: `Network error: ${call.error}` };
  const message = upstreamMessage(call.json);
  const reason = `HTTP ${call.status}${message ? `: ${message}` : ""}`;
  if (call.status === 401 || call.status === 403) return { kind: "refused", status: call.status, reason };
  if (call.status === 429 || call.status === 408 || call.status >= 500) return { kind: "unavailable", reason };
  const list = (call.json as { customFields?: unknown } | undefined)?.customFields;
  if (call.status !== 200 || !Array.isArray(list)) return { kind: "unexpected", reason: call.status === 200 ? "HTTP 200 without a customFields list" : reason };
  const fields = list.flatMap((item: Partial<Record<keyof LocationCustomField, unknown>>) =>
    typeof item?.id === "string"
      ? [{ id: item.id, name: String(item.name ?? ""), fieldKey: String(item.fieldKey ?? ""), dataType: String(item.dataType ?? "") }]
      : [],
  );
  return { fields };
}

/** Each target the location cannot fill as mapped, with the reason in words. */
export function findProblems(targets: MappedTarget[], fields: LocationCustomField[]): MappingProblem[] {
  const byId = new Map(fields.map((field) => [field.id, field]));
  const byKey = new Map(fields.filter((field) => field.fieldKey).map((field) => [field.fieldKey, field]));
  return targets.flatMap(({ formId, formTitle, field, target, kind }) => {
    const { customField: id, key } = target;
    const named = key ? `id "${id}", key "${key}"` : `id "${id}"`;
    const problem = (reason: string) => [{ formId, formTitle, field, target: named, reason }];
    const found = byId.get(id);
    const keyed = key ? byKey.get(key) : undefined;
    if (!found) {
      const idIsAKey = byKey.get(id);
      if (idIsAKey) return problem(`"${id}" is the key of the custom field "${idIsAKey.name}", not its id; its id is "${idIsAKey.id}".`);
      if (keyed)
        return problem(`The location has no custom field with the id "${id}"; the key "${key}" is the field "${keyed.name}", whose id is "${keyed.id}".`);
      return problem(`The location has no custom field with the id "${id}"${key ? ` or the key "${key}"` : ""}.`);
    }
    if (key && !keyed)
      return problem(`The location has no custom field with the key "${key}"; the id "${id}" is the field "${found.name}" (key "${found.fieldKey}").`);
    if (keyed && keyed !== found)
      return problem(`The id "${id}" is the field "${found.name}", but the key "${key}" is another field, "${keyed.name}" (id "${keyed.id}").`);
    const mismatch = typeMismatch(kind, found.dataType);
    return mismatch ? problem(`The field "${found.name}" is of type ${found.dataType}, ${mismatch}.`) : [];
  });
}

// Only the clear-cut cases: a value LeadConnector cannot store in a field of that type, whatever it holds.
function typeMismatch(kind: MappedTarget["kind"], dataType: string): string | null {
  if (dataType === "FILE_UPLOAD" || dataType === "SIGNATURE") return "which takes a file, and a form sends text";
  if ((dataType === "NUMERICAL" || dataType === "MONETORY") && kind !== "number") return `which takes a number, and this ${kindName(kind)} sends text`;
  if (kind === "checkboxes" && !["CHECKBOX", "MULTIPLE_OPTIONS", "TEXTBOX_LIST"].includes(dataType))
    return "which holds one value, and these checkboxes send a list";
  return null;
}

const kindName = (kind: MappedTarget["kind"]) => (kind === "attribution" ? "attribution value" : `${kind} input`);

function upstreamMessage(json: unknown): string | undefined {
  const message = (json as { message?: unknown } | undefined)?.message;
  if (typeof message === "string") return message;
  if (Array.isArray(message)) return message.map(String).join("; ");
  return undefined;
}

/** What the Check mapping button shows: a summary, and the problems one by one. */
export type MappingReport = { status: "idle" } | { status: "report"; ok: boolean; summary: string; problems: MappingProblem[] };

/** The check's outcome in the marketer's words. */
export function mappingReport(check: MappingCheck): Exclude<MappingReport, { status: "idle" }> {
  const report = (ok: boolean, summary: string, problems: MappingProblem[] = []) => ({ status: "report" as const, ok, summary, problems });
  const nothingChanged = "Nothing was checked and nothing changed.";
  switch (check.kind) {
    case "checked": {
      const fields = `${check.customFields} custom field${check.customFields === 1 ? "" : "s"}`;
      if (check.targets === 0) return report(true, `No form sends custom fields to this location (it has ${fields}): nothing to check.`);
      const { length } = check.problems;
      if (length === 0) return report(true, `All ${check.targets} mapped custom fields were found among the location's ${fields}.`);
      return report(
        false,
        `${length} of ${check.targets} mapped custom fields ${length === 1 ? "has a problem" : "have problems"} (the location has ${fields}). Submissions using them will fail until the form or the location is fixed.`,
        check.problems,
      );
    }
    case "refused":
      return report(
        false,
        `LeadConnector refused to list this location's custom fields (${check.reason}). Add the scope ${CUSTOM_FIELDS_SCOPE} to the location's token, then check again. ${nothingChanged}`,
      );
    case "unavailable":
      return report(false, `LeadConnector could not be asked (${check.reason}). ${nothingChanged} Try again in a minute.`);
    case "unexpected":
      return report(false, `LeadConnector's answer could not be read (${check.reason}). ${nothingChanged}`);
  }
}
