import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineForm, type FormInput } from "@/lib/forms/definition";
import { toCreateContactBody } from "@/lib/outbox/upstream";
import { DOCUMENTED_PROPERTIES } from "@/lib/leadconnector/contract";

/** A form that collects every create-contact property a form can fill. */
const everything = defineForm({
  id: "everything",
  title: "All fields",
  submitLabel: "Send",
  thankYou: "Thanks",
  tags: ["all", "All", "fields"],
  defaultCountry: "DE",
  source: "partner landing page",
  assignedTo: "user_42",
  inboundDnd: "inactive",
  fields: [
    { name: "firstName", label: "First name", kind: "text", maps: "firstName", required: true },
    { name: "lastName", label: "Last name", kind: "text", maps: "lastName" },
    { name: "fullName", label: "Full name", kind: "text", maps: "name" },
    { name: "email", label: "Email", kind: "email", maps: "email" },
    {
      name: "gender",
      label: "Gender",
      kind: "select",
      maps: "gender",
      options: [
        { value: "female", label: "Female" },
        { value: "male", label: "Male" },
      ],
    },
    { name: "phone", label: "Phone", kind: "phone", maps: "phone" },
    { name: "street", label: "Street", kind: "text", maps: "address1" },
    { name: "city", label: "City", kind: "text", maps: "city" },
    { name: "state", label: "State", kind: "text", maps: "state" },
    { name: "zip", label: "Postal code", kind: "text", maps: "postalCode" },
    { name: "site", label: "Website", kind: "url", maps: "website" },
    { name: "tz", label: "Time zone", kind: "timezone", maps: "timezone" },
    { name: "birthday", label: "Date of birth", kind: "date", maps: "dateOfBirth" },
    { name: "country", label: "Country", kind: "country", maps: "country" },
    { name: "company", label: "Company", kind: "text", maps: "companyName" },
    { name: "noCalls", label: "Do not contact me at all", kind: "checkbox", maps: "dnd" },
    { name: "budget", label: "Budget", kind: "number", min: 0, maps: { customField: "cf_budget", key: "budget" } },
    {
      name: "interests",
      label: "Interests",
      kind: "checkboxes",
      options: [
        { value: "seo", label: "SEO" },
        { value: "ads", label: "Ads" },
      ],
      maps: { customField: "cf_interests" },
    },
    { name: "notes", label: "Notes", kind: "text", multiline: true, maps: { customField: "cf_notes", valueKey: "value" } },
    { name: "newsletter", label: "Newsletter", kind: "checkbox", maps: { customField: "cf_newsletter", valueKey: "fieldValue" } },
    { name: "consent", label: "You may contact me by email and WhatsApp.", kind: "consent", channels: ["Email", "WhatsApp"] },
    { name: "smsConsent", label: "You may text me.", kind: "consent", channels: ["SMS"] },
  ],
});

describe("a form that collects every field", () => {
  const input = {
    firstName: " Renée ",
    lastName: "Müller",
    fullName: "Renée Müller",
    email: "RENEE@Example.de",
    gender: "female",
    phone: "030 901820",
    street: "Unter den Linden 1",
    city: "Berlin",
    state: "BE",
    zip: "10117",
    site: "renee.example",
    tz: "Europe/Berlin",
    birthday: "09/25/1990",
    country: "Deutschland",
    company: "Müller GmbH",
    noCalls: "on",
    budget: "1,500",
    interests: ["ads", "seo"],
    notes: "Line one\nLine two",
    newsletter: "on",
    consent: "on",
    smsConsent: "on",
  };

  it("sends every documented property, normalised, and nothing undocumented", () => {
    const body = toCreateContactBody(everything, everything.schema.parse(input), { locationId: "loc1", tags: ["all", "fields"] });
    expect(body).toEqual({
      locationId: "loc1",
      source: "partner landing page",
      firstName: "Renée",
      lastName: "Müller",
      name: "Renée Müller",
      email: "renee@example.de",
      gender: "female",
      phone: "+4930901820",
      address1: "Unter den Linden 1",
      city: "Berlin",
      state: "BE",
      postalCode: "10117",
      website: "https://renee.example/",
      timezone: "Europe/Berlin",
      dateOfBirth: "1990-09-25",
      country: "DE",
      companyName: "Müller GmbH",
      dnd: true,
      customFields: [
        { id: "cf_budget", key: "budget", field_value: 1500 },
        { id: "cf_interests", field_value: ["seo", "ads"] },
        { id: "cf_notes", value: "Line one\nLine two" },
        { id: "cf_newsletter", fieldValue: ["Yes"] },
      ],
      dndSettings: { Email: { status: "inactive" }, SMS: { status: "inactive" }, WhatsApp: { status: "inactive" } },
      inboundDndSettings: { all: { status: "inactive" } },
      tags: ["all", "fields"],
      assignedTo: "user_42",
    });
    expect(Object.keys(body).filter((k) => !DOCUMENTED_PROPERTIES.has(k))).toEqual([]);
  });

  it("leaves out every optional input left empty", () => {
    const values = everything.schema.parse({ firstName: "Renée", email: "renee@example.de" });
    const body = toCreateContactBody(everything, values, { locationId: "loc1", tags: [] });
    expect(body).toEqual({
      locationId: "loc1",
      source: "partner landing page",
      firstName: "Renée",
      email: "renee@example.de",
      dnd: false,
      dndSettings: { Email: { status: "active" }, SMS: { status: "active" }, WhatsApp: { status: "active" } },
      inboundDndSettings: { all: { status: "inactive" } },
      assignedTo: "user_42",
    });
    expect(Object.values(body)).not.toContain("");
  });

  it.each([
    ["gender", "other", "Choose one of the options for gender"],
    ["budget", "-5", "Budget must be at least 0"],
    ["budget", "lots", "Budget must be a number"],
    ["site", "not a site", "Enter a web address, like example.com"],
    ["tz", "Berlin", "Choose a time zone such as America/New_York or Europe/Berlin"],
    ["country", "Narnia", "Choose a country from the list, or type its name"],
    ["birthday", "31/31/1990", "Enter a real date, like 1990-09-25 or 09/25/1990"],
  ])("gives %s=%s the message %s", (name, value, message) => {
    const result = everything.schema.safeParse({ ...input, [name]: value });
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({ [name]: [message] });
  });
});

describe("a broken form definition", () => {
  const base: FormInput = {
    id: "broken",
    title: "t",
    submitLabel: "s",
    thankYou: "t",
    tags: [],
    defaultCountry: "US",
    fields: [{ name: "email", label: "Email", kind: "email", maps: "email" }],
  };
  it.each([
    [{ id: "Not OK" }, 'id "Not OK" must be lowercase letters, digits and dashes'],
    [{ fields: [...base.fields, { name: "email", label: "Again", kind: "text" as const }] }, 'field name "email" is used twice'],
    [
      { fields: [...base.fields, { name: "x", label: "X", kind: "text" as const, maps: "favouriteColour" as never }] },
      'field "x" maps to "favouriteColour", which is not a create-contact property',
    ],
    [
      { fields: [...base.fields, { name: "p", label: "P", kind: "phone" as const, maps: "email" as const }] },
      'field "p" is a phone input and cannot fill "email"',
    ],
    [
      { fields: [{ name: "n", label: "Name", kind: "text" as const, maps: "firstName" as const }] },
      "a form needs an email or phone field mapped to the contact",
    ],
    [{ fields: [...base.fields, { name: "c", label: "I agree", kind: "consent" as const, channels: [] }] }, 'consent box "c" needs channels'],
    [
      { fields: [...base.fields, { name: "c", label: "Email and texts", kind: "consent" as const, channels: ["Email" as const, "SMS" as const] }] },
      'consent box "c" covers SMS and more: SMS consent needs a box of its own',
    ],
    [
      {
        fields: [
          ...base.fields,
          { name: "a", label: "Emails", kind: "consent" as const, channels: ["Email" as const] },
          { name: "b", label: "News by email", kind: "consent" as const, channels: ["Email" as const] },
        ],
      },
      'channel "Email" is covered by two consent boxes ("a" and "b")',
    ],
    [
      { fields: [...base.fields, { name: "c", label: "Texts", kind: "consent" as const, channels: ["SMS" as const], defaultChecked: true } as never] },
      'consent box "c" is pre-ticked: consent boxes always start unticked',
    ],
    [
      { fields: [...base.fields, { name: "c", label: "Fax", kind: "consent" as const, channels: ["Fax" as never] }] },
      'consent box "c" names channel "Fax"; the channels are Call, Email, SMS, WhatsApp, GMB, FB',
    ],
    [
      { fields: [...base.fields, { name: "c", label: "Texts", kind: "consent" as const, channels: ["SMS" as const], maps: "dnd" as const }] },
      'consent box "c" fills its channels\' dndSettings only',
    ],
    [{ privacyNoticeUrl: "javascript:alert(1)" }, 'privacyNoticeUrl "javascript:alert(1)" must be an https URL or a path on this site'],
    [{ privacyNoticeUrl: "//evil.example/privacy" }, "must be an https URL or a path on this site"],
    [{ privacyNoticeUrl: "/\\evil.example/privacy" }, "must be an https URL or a path on this site"],
    [
      { fields: [...base.fields, { name: "c", label: "Emails", kind: "consent" as const, channels: ["Email" as const, "Email" as const] }] },
      'consent box "c" names channel "Email" twice',
    ],
    [{ fields: [...base.fields, { name: "s", label: "S", kind: "select" as const, options: [] }] }, 'field "s" needs options'],
  ])("%o fails with a message naming the problem", (change, message) => {
    expect(() => defineForm({ ...base, ...change })).toThrow(message);
  });
});
