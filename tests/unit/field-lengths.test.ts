import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_LENGTH } from "@/lib/forms/checks";
import { defineForm } from "@/lib/forms/definition";

const form = defineForm({
  id: "lengths",
  title: "Every kind",
  submitLabel: "Send",
  thankYou: "Thanks",
  tags: [],
  defaultCountry: "US",
  fields: [
    { name: "name", label: "Name", kind: "text", maps: "firstName" },
    { name: "message", label: "Message", kind: "text", multiline: true },
    { name: "email", label: "Email", kind: "email", maps: "email" },
    { name: "phone", label: "Phone", kind: "phone", maps: "phone" },
    { name: "site", label: "Website", kind: "url", maps: "website" },
    { name: "born", label: "Date of birth", kind: "date", maps: "dateOfBirth" },
    { name: "country", label: "Country", kind: "country", maps: "country" },
    { name: "tz", label: "Time zone", kind: "timezone", maps: "timezone" },
    { name: "plan", label: "Plan", kind: "select", options: [{ value: "basic", label: "Basic" }] },
    { name: "seats", label: "Seats", kind: "number" },
  ],
});

const errorsOf = (input: Record<string, unknown>) => {
  const result = form.schema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
};

// A value one character over the kind's bound, shaped so that only the length is wrong where that can be arranged.
const tooLong: [string, string, number][] = [
  ["name", "x".repeat(MAX_LENGTH.text + 1), MAX_LENGTH.text],
  ["message", "x".repeat(MAX_LENGTH.multiline + 1), MAX_LENGTH.multiline],
  ["email", `${"a".repeat(MAX_LENGTH.email - "@example.com".length + 1)}@example.com`, MAX_LENGTH.email],
  ["phone", "4".repeat(MAX_LENGTH.phone + 1), MAX_LENGTH.phone],
  ["site", `https://example.com/${"p".repeat(MAX_LENGTH.url)}`, MAX_LENGTH.url],
  ["born", "1".repeat(MAX_LENGTH.date + 1), MAX_LENGTH.date],
  ["country", "x".repeat(MAX_LENGTH.country + 1), MAX_LENGTH.country],
  ["tz", "Europe/".padEnd(MAX_LENGTH.timezone + 1, "x"), MAX_LENGTH.timezone],
  ["plan", "b".repeat(MAX_LENGTH.select + 1), MAX_LENGTH.select],
  ["seats", "9".repeat(MAX_LENGTH.number + 1), MAX_LENGTH.number],
];

describe("every field kind has a maximum length", () => {
  it("documents the bounds LeadConnector and RFC 5321 practice suggest for email and URL", () => {
    expect(MAX_LENGTH.email).toBe(254);
    expect(MAX_LENGTH.url).toBe(2000);
  });

  it.each(tooLong)("%s over its maximum gets a field error naming the maximum", (name, value, max) => {
    const label = form.fields.find((f) => f.name === name)!.label;
    expect(errorsOf({ email: "ada@example.com", [name]: value })).toEqual({ [name]: [`${label} must be at most ${max.toLocaleString("en-US")} characters`] });
  });

  it("accepts an email and a URL exactly at their maximum", () => {
    // Domain labels stay within 63 characters, as DNS requires.
    const email = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(MAX_LENGTH.email - 64 - 1 - 122 - ".com".length)}.com`;
    const site = `https://example.com/${"p".repeat(MAX_LENGTH.url - "https://example.com/".length)}`;
    expect(email).toHaveLength(MAX_LENGTH.email);
    expect(site).toHaveLength(MAX_LENGTH.url);
    expect(form.schema.parse({ email, site })).toMatchObject({ email, site });
  });

  it("lets a text field set a smaller maximum but never one above the multiline bound", () => {
    const wide = defineForm({
      ...form,
      id: "wide",
      fields: [
        { name: "note", label: "Note", kind: "text", maxLength: 1_000_000, maps: "firstName" },
        { name: "email", label: "Email", kind: "email", maps: "email" },
      ],
    });
    const result = wide.schema.safeParse({ email: "ada@example.com", note: "x".repeat(MAX_LENGTH.multiline + 1) });
    expect(result.success).toBe(false);
  });
});
