import { describe, expect, it } from "vitest";
import { defineForm, privacyNoticeOf } from "@/lib/forms/definition";
import { toCreateContactBody } from "@/lib/outbox/upstream";
import { addressHash, consentRecord, USER_AGENT_MAX, wordingVersion } from "@/lib/submission/consent";
import { contactForm, webinarForm } from "../../support/forms";

const lead = { firstName: "Ada", email: "ada@example.com" };
const dndOf = (input: Record<string, unknown>) =>
  toCreateContactBody(contactForm, contactForm.schema.parse(input), { locationId: "loc1", tags: [] }).dndSettings;

describe("consent per channel, as do-not-disturb settings", () => {
  it.each([
    ["only e-mail ticked", { marketingConsent: "on" }, { Email: { status: "inactive" }, SMS: { status: "active" } }],
    ["only SMS ticked", { smsConsent: "on" }, { Email: { status: "active" }, SMS: { status: "inactive" } }],
    ["both ticked", { marketingConsent: "on", smsConsent: "on" }, { Email: { status: "inactive" }, SMS: { status: "inactive" } }],
    ["neither ticked", {}, { Email: { status: "active" }, SMS: { status: "active" } }],
  ])("%s: each box sets its own channel only", (_, ticked, expected) => {
    expect(dndOf({ ...lead, ...ticked })).toEqual(expected);
  });

  it("sends no channel that no box covers", () => {
    const body = toCreateContactBody(webinarForm, webinarForm.schema.parse({ ...lead, marketingConsent: "on" }), { locationId: "loc1", tags: [] });
    expect(body.dndSettings).toEqual({ Email: { status: "inactive" } });
  });

  it("sends no dndSettings at all for a form without consent boxes", () => {
    const form = defineForm({ ...contactForm, fields: contactForm.fields.filter((f) => f.kind !== "consent") });
    expect(toCreateContactBody(form, form.schema.parse(lead), { locationId: "loc1", tags: [] })).not.toHaveProperty("dndSettings");
  });

  it("lets one box speak for several channels other than SMS", () => {
    const form = defineForm({
      ...contactForm,
      fields: [
        ...contactForm.fields.filter((f) => f.kind !== "consent"),
        { name: "chat", label: "Message me on WhatsApp or Facebook.", kind: "consent", channels: ["WhatsApp", "FB"] },
      ],
    });
    expect(toCreateContactBody(form, form.schema.parse({ ...lead, chat: "on" }), { locationId: "loc1", tags: [] }).dndSettings).toEqual({
      WhatsApp: { status: "inactive" },
      FB: { status: "inactive" },
    });
  });
});

describe("the consent record", () => {
  const at = new Date("2026-12-04T10:00:00Z");
  it("holds one entry per box with its channels, choice and wording version, and who gave it", () => {
    const record = consentRecord(contactForm, contactForm.schema.parse({ ...lead, smsConsent: "on" }), {
      at,
      pageUrl: "https://leads.example/",
      ipHash: "abc",
      userAgent: "Mozilla/5.0",
    });
    const wordings = contactForm.fields.filter((f) => f.kind === "consent").map((f) => f.label);
    expect(record).toEqual({
      at: "2026-12-04T10:00:00.000Z",
      pageUrl: "https://leads.example/",
      ipHash: "abc",
      userAgent: "Mozilla/5.0",
      boxes: [
        { channels: ["Email"], given: false, version: wordingVersion(wordings[0]) },
        { channels: ["SMS"], given: true, version: wordingVersion(wordings[1]) },
      ],
    });
  });

  it("truncates a long user agent and is null for a form without consent", () => {
    const record = consentRecord(contactForm, contactForm.schema.parse(lead), { at, pageUrl: null, ipHash: null, userAgent: "x".repeat(5000) });
    expect(record?.userAgent).toHaveLength(USER_AGENT_MAX);
    const form = defineForm({ ...contactForm, fields: contactForm.fields.filter((f) => f.kind !== "consent") });
    expect(consentRecord(form, form.schema.parse(lead), { at, pageUrl: null, ipHash: null, userAgent: null })).toBeNull();
  });

  it("versions the wording by its text: a changed word is a new version", () => {
    expect(wordingVersion("Send me e-mail.")).toBe(wordingVersion("Send me e-mail."));
    expect(wordingVersion("Send me e-mail.")).not.toBe(wordingVersion("Send me e-mails."));
  });

  it("keeps the address only as a keyed hash", () => {
    const key = "k".repeat(32);
    const hash = addressHash("203.0.113.7", key);
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hash).not.toContain("203.0.113.7");
    expect(addressHash("203.0.113.7", key)).toBe(hash);
    expect(addressHash("203.0.113.7", "o".repeat(32))).not.toBe(hash);
    expect(addressHash("unknown", key)).toBeNull();
  });
});

describe("the privacy notice a form links to", () => {
  it("is the form's own, else the site's", () => {
    expect(privacyNoticeOf({ ...contactForm, privacyNoticeUrl: "https://example.com/privacy" }, "/privacy")).toBe("https://example.com/privacy");
    expect(privacyNoticeOf(contactForm, "/privacy")).toBe("/privacy");
  });

  it("is required when the form asks for consent", () => {
    expect(() => privacyNoticeOf(contactForm, undefined)).toThrow('Form "contact" asks for consent but has no privacy notice');
    const form = defineForm({ ...contactForm, fields: contactForm.fields.filter((f) => f.kind !== "consent") });
    expect(privacyNoticeOf(form, undefined)).toBeUndefined();
  });
});
