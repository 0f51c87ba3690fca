// The checks a form's inputs get in the visitor's browser AND on the server, with the same messages. Nothing here
// imports a library: this is all of the validation code a form page ships. What needs data too big for a phone
// (phone numbering plans, country names, date formats) runs on the server only (./normalize.ts).
import type { FieldDefinition } from "./fields";

/** A check's answer: the value to keep, or the message the visitor sees. */
export type Normalized<T> = { ok: true; value: T } | { ok: false; message: string };
export const ok = <T>(value: T): Normalized<T> => ({ ok: true, value });
export const fail = (message: string): Normalized<never> => ({ ok: false, message });

export type FieldValue = string | number | boolean | string[];

/**
 * The longest input each kind accepts (characters, after trimming), checked before anything else so no value is
 * bounded only by the body limit. Email: RFC 5321's 254-character path; URL: 2,000, what browsers and LeadConnector handle.
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

const tooLong = (field: FieldDefinition, max: number) => fail(`${field.label} must be at most ${max.toLocaleString("en-US")} characters`);

// The HTML5 rule (what browsers accept in <input type=email>), with a dot required in the domain.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
/** Any of LeadConnector's eight date notations has this shape; which one, and whether it is real, the server decides. */
export const DATE_SHAPE = /^\d{1,4}[/.\-_]\d{1,2}[/.\-_]\d{1,4}$/;
export const DATE_MESSAGE = "Enter a real date, like 1990-09-25 or 09/25/1990";

export function normalizeEmail(input: string): Normalized<string> {
  const value = input.trim().toLowerCase();
  return EMAIL.test(value) ? ok(value) : fail("Enter a valid email address, like name@example.com");
}

/** An IANA time zone name such as Europe/Berlin, in its canonical spelling. */
export function normalizeTimezone(input: string): Normalized<string> {
  const value = input.trim();
  try {
    if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) throw new RangeError();
    return ok(new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone);
  } catch {
    return fail("Choose a time zone such as America/New_York or Europe/Berlin");
  }
}

/** An absolute http(s) URL; a bare domain gets https://. */
export function normalizeWebsite(input: string): Normalized<string> {
  const value = input.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
    if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".") && !/\s/.test(value)) return ok(url.toString());
  } catch {
    // falls through to the message
  }
  return fail("Enter a web address, like example.com");
}

/** Names and addresses: unicode kept, outer space trimmed, inner runs of space collapsed. */
export function normalizeText(input: string): string {
  return input.normalize("NFC").trim().replace(/\s+/g, " ");
}

export function requiredMessage(field: FieldDefinition) {
  if (field.kind === "select" || field.kind === "country" || field.kind === "timezone") return `Choose your ${field.label.toLowerCase()}`;
  if (field.kind === "checkboxes") return "Choose at least one";
  if (field.kind === "checkbox" || field.kind === "consent") return "Tick this box to continue";
  return `Enter your ${field.label.toLowerCase()}`;
}

/** A checkbox: "on" (or its value) from a plain HTML post, a boolean from the browser's form state. */
const isChecked = (raw: unknown) => raw === true || (typeof raw === "string" && raw !== "" && raw !== "false");

/**
 * One input, as posted (a string, strings, a boolean or nothing): trimmed, bounded, checked and lightly normalised.
 * An empty optional input is undefined, never "". Phone, country and date values come back trimmed, for the server.
 */
export function checkField(field: FieldDefinition, raw: unknown): Normalized<FieldValue | undefined> {
  if (field.kind === "checkbox" || field.kind === "consent") {
    const checked = isChecked(raw);
    return field.required && !checked ? fail(requiredMessage(field)) : ok(checked);
  }
  if (field.kind === "checkboxes") {
    const values = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
    const chosen = field.options.map((o) => o.value).filter((v) => values.includes(v));
    return field.required && chosen.length === 0 ? fail(requiredMessage(field)) : ok(chosen);
  }
  const value = typeof raw === "string" ? raw.trim() : "";
  if (!value) return field.required ? fail(requiredMessage(field)) : ok(undefined);
  const max = maxLengthOf(field);
  if (max !== null && value.length > max) return tooLong(field, max);
  switch (field.kind) {
    case "text": {
      // Browsers post a textarea's line breaks as CRLF; store them as plain newlines.
      const text = field.multiline ? value.normalize("NFC").replace(/\r\n?/g, "\n") : normalizeText(value);
      return text.length <= max! ? ok(text) : tooLong(field, max!);
    }
    case "email":
      return normalizeEmail(value);
    case "url":
      return normalizeWebsite(value);
    case "timezone":
      return normalizeTimezone(value);
    case "phone":
    case "country":
      return ok(value);
    case "date":
      return DATE_SHAPE.test(value) ? ok(value) : fail(DATE_MESSAGE);
    case "select":
      return field.options.some((o) => o.value === value) ? ok(value) : fail(`Choose one of the options for ${field.label.toLowerCase()}`);
    case "number": {
      const number = Number(value.replace(/[\s,]/g, ""));
      if (!Number.isFinite(number)) return fail(`${field.label} must be a number`);
      if (field.min !== undefined && number < field.min) return fail(`${field.label} must be at least ${field.min}`);
      if (field.max !== undefined && number > field.max) return fail(`${field.label} must be at most ${field.max}`);
      return ok(number);
    }
  }
}
