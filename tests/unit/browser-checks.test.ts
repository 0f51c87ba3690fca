import { describe, expect, it } from "vitest";
import { browserResolver } from "@/lib/forms/browser-resolver";
import { defineForm, type FieldDefinition } from "@/lib/forms/definition";

const fields: FieldDefinition[] = [
  { name: "firstName", label: "First name", kind: "text", maps: "firstName", required: true },
  { name: "notes", label: "Notes", kind: "text", multiline: true },
  { name: "email", label: "Email", kind: "email", maps: "email" },
  { name: "phone", label: "Phone", kind: "phone", maps: "phone" },
  { name: "site", label: "Website", kind: "url", maps: "website" },
  { name: "birthday", label: "Date of birth", kind: "date", maps: "dateOfBirth" },
  { name: "country", label: "Country", kind: "country", maps: "country", required: true },
  { name: "tz", label: "Time zone", kind: "timezone", maps: "timezone" },
  { name: "size", label: "Team size", kind: "select", options: [{ value: "1-10", label: "1 to 10" }] },
  { name: "budget", label: "Budget", kind: "number", min: 0, max: 1_000_000 },
  { name: "topics", label: "Topics", kind: "checkboxes", required: true, options: [{ value: "seo", label: "SEO" }] },
  { name: "consent", label: "You may email me.", kind: "consent", channels: ["Email"], required: true },
];
const form = defineForm({
  id: "checks",
  title: "Checks",
  submitLabel: "Send",
  thankYou: "Thanks",
  tags: [],
  defaultCountry: "US",
  fields,
});
const resolve = browserResolver(form);

/** Values a visitor (or a script) might send each input: valid, invalid, empty, oversize. */
const table: Record<string, unknown[]> = {
  firstName: ["Ada", "  Renée  ", "", "   ", "x".repeat(200), "x".repeat(201), undefined, null],
  notes: ["line one\r\nline two", "", "y".repeat(5000), "y".repeat(5001)],
  email: [
    "ada@example.com",
    "ADA@Example.COM ",
    "ada@example",
    "not-an-email",
    "a@b.c",
    `${"a".repeat(243)}@example.com`,
    `${"a".repeat(244)}@example.com`,
    "",
  ],
  phone: ["+1 201 555 0123", "201 555 0123", "(030) 901820", "12", "+1 555", "call me", "1".repeat(41), ""],
  site: [
    "example.com",
    "https://example.com/path?q=1",
    "http://localhost",
    "ftp://example.com",
    "not a url",
    `https://example.com/${"p".repeat(1981)}`,
    `https://example.com/${"p".repeat(1990)}`,
    "",
  ],
  birthday: ["1990-09-25", "09/25/1990", "1990.9.25", "2999-01-01", "1990-13-45", "25 September 1990", "1890-01-01", ""],
  country: ["DE", "de", "Deutschland", "Germany", "XK", "Atlantis", "ZZ", "", "c".repeat(101)],
  tz: ["Europe/Berlin", "europe/berlin", "UTC", "Mars/Olympus", "Europe/Berlin; DROP TABLE", ""],
  size: ["1-10", "11-50", ""],
  budget: ["5000", "1,000", "-1", "2000000", "abc", "1e3", ""],
  topics: [["seo"], "seo", [], ["other"], false, undefined],
  consent: [true, "on", false, "", undefined],
};

describe("the browser's checks against the server's", () => {
  const cases = Object.entries(table).flatMap(([name, values]) => values.map((value) => [name, value] as const));

  it.each(cases)("%s = %j: never refused in the browser when the server accepts; the same message when both refuse", async (name, value) => {
    const server = form.schema.shape[name].safeParse(value);
    const browser = (await resolve({ [name]: value }, undefined, { fields: {}, shouldUseNativeValidation: false })).errors[name];
    if (server.success) expect(browser).toBeUndefined();
    else if (browser) expect(browser.message).toBe(server.error.issues[0].message);
  });

  it("leaves to the server only what needs its data: phone plans, country names, real dates", async () => {
    const onlyServer: [string, unknown][] = [
      ["phone", "+1 555"],
      ["country", "Atlantis"],
      ["birthday", "1990-13-45"],
      ["birthday", "2999-01-01"],
    ];
    for (const [name, value] of onlyServer) {
      expect(form.schema.shape[name].safeParse(value).success).toBe(false);
      expect((await resolve({ [name]: value }, undefined, { fields: {}, shouldUseNativeValidation: false })).errors[name]).toBeUndefined();
    }
  });
});
