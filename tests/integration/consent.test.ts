import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "@/lib/db/migrate";
import { defineForm } from "@/lib/forms/definition";
import { eraseHeld, exportHeld, identify } from "@/lib/privacy/requests";
import { acceptSubmission } from "@/lib/submission/accept";
import { addressHash, wordingVersion, type ConsentRecord } from "@/lib/submission/consent";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, LOCATION_ID } from "../support/delivery";
import { contactForm } from "../../support/forms";

const h = deliveryHarness();
const HASH_KEY = "consent-test-hash-key-0123456789abcdef";
const visitor = { address: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/142", hashKey: HASH_KEY };
const [emailBox, smsBox] = contactForm.fields.filter((f) => f.kind === "consent");

let counter = 0;
/** A post of the contact form; with a key it takes the one-statement path, without one the no-JavaScript path. */
async function post(ticked: Record<string, string>, { form = contactForm, withKey = true } = {}) {
  counter += 1;
  const result = await acceptSubmission(h.database.db, {
    form,
    input: { firstName: "Ada", email: `ada${counter}@example.com`, ...ticked },
    locationId: LOCATION_ID,
    pageUrl: "https://leads.example/?utm_source=news",
    idempotencyKey: withKey ? `consent-${counter}-0123456789abcdef` : null,
    visitor,
  });
  if (result.status !== "accepted") throw new Error(JSON.stringify(result));
  return result.submissionId;
}
const consentOf = async (id: string) => (await h.database.db.submission.findUniqueOrThrow({ where: { id } })).consent as ConsentRecord;

describe("consent recorded with a submission", () => {
  beforeEach(() => h.database.db.consentWording.deleteMany());

  it.each([
    ["with an idempotency key", true],
    ["without one (no JavaScript)", false],
  ])("stores one entry per box, the time, page, address hash and user agent (%s)", async (_, withKey) => {
    const before = Date.now();
    const consent = await consentOf(await post({ smsConsent: "on" }, { withKey }));
    expect(consent).toEqual({
      at: expect.any(String),
      pageUrl: "https://leads.example/?utm_source=news",
      ipHash: addressHash(visitor.address, HASH_KEY),
      userAgent: visitor.userAgent,
      boxes: [
        { channels: ["Email"], given: false, version: wordingVersion(emailBox.label) },
        { channels: ["SMS"], given: true, version: wordingVersion(smsBox.label) },
      ],
    });
    expect(Date.parse(consent.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(consent)).not.toContain(visitor.address);
  });

  it("keeps each wording once per version: the same wording twice is one row, a changed one a new version", async () => {
    await post({ marketingConsent: "on" });
    await post({}, { withKey: false });
    const rows = await h.database.db.consentWording.findMany({ orderBy: { wording: "asc" } });
    expect(rows.map((r) => ({ version: r.version, wording: r.wording }))).toEqual(
      [emailBox, smsBox].map((b) => ({ version: wordingVersion(b.label), wording: b.label })).sort((a, b) => a.wording.localeCompare(b.wording)),
    );

    const reworded = defineForm({
      ...contactForm,
      fields: contactForm.fields.map((f) => (f.name === "smsConsent" ? { ...f, label: "Yes, text me about offers (SMS). Reply STOP to opt out." } : f)),
    });
    const consent = await consentOf(await post({ smsConsent: "on" }, { form: reworded }));
    const newVersion = wordingVersion("Yes, text me about offers (SMS). Reply STOP to opt out.");
    expect(consent.boxes[1]).toEqual({ channels: ["SMS"], given: true, version: newVersion });
    expect(await h.database.db.consentWording.count()).toBe(3);
    expect(await h.database.db.consentWording.findUnique({ where: { version: newVersion } })).toMatchObject({
      wording: "Yes, text me about offers (SMS). Reply STOP to opt out.",
    });
  });

  it("sends only SMS lifted and Email blocked when only the SMS box is ticked", async () => {
    const id = await post({ smsConsent: "on" });
    await dispatcherFor(h.database.db, h.fake).deliverNow(id);
    expect(h.fake.requests[0].body).toMatchObject({ dndSettings: { Email: { status: "active" }, SMS: { status: "inactive" } } });
  });

  it("exports each record with the wording shown, and erasure takes the address hash and user agent with it", async () => {
    const id = await post({ marketingConsent: "on" });
    const person = identify(`ada${counter}@example.com`)!;
    const exported = await exportHeld(h.database.db, person);
    expect(exported.submissions[0].consent?.boxes).toEqual([
      { channels: ["Email"], given: true, version: wordingVersion(emailBox.label), wording: emailBox.label },
      { channels: ["SMS"], given: false, version: wordingVersion(smsBox.label), wording: smsBox.label },
    ]);
    expect(exported.submissions[0].consent).toMatchObject({ userAgent: visitor.userAgent, ipHash: addressHash(visitor.address, HASH_KEY) });

    await eraseHeld(h.database.db, person, { actor: null, hashKey: HASH_KEY });
    expect((await h.database.db.submission.findUniqueOrThrow({ where: { id } })).consent).toBeNull();
    // The wording is the site's own text, never the visitor's: it stays as the proof of what later visitors saw.
    expect(await h.database.db.consentWording.count()).toBe(2);
  });
});

describe("the consent_wording migration", () => {
  it("moves a record of the old shape (one box, wording inline) to one entry per box, its wording to ConsentWording", async () => {
    await h.database.db.consentWording.deleteMany();
    const old = {
      given: true,
      wording: "Send me offers by e-mail and SMS.",
      version: "0123456789ab",
      channels: ["Email", "SMS"],
      at: "2026-11-01T10:00:00.000Z",
      pageUrl: "https://leads.example/",
    };
    const { id } = await h.database.db.submission.create({ data: { formId: "contact", locationId: LOCATION_ID, fields: {}, consent: old } });
    const sql = await readFile(path.join(MIGRATIONS_DIR, "20261204030509_consent_wording", "migration.sql"), "utf8");
    // The data part only: the table itself is already there.
    await h.database.db.$executeRawUnsafe(`DO $$ BEGIN ${sql.slice(sql.indexOf("INSERT INTO"))} END $$`);

    expect(await consentOf(id)).toEqual({
      at: old.at,
      pageUrl: old.pageUrl,
      ipHash: null,
      userAgent: null,
      boxes: [{ channels: ["Email", "SMS"], given: true, version: "0123456789ab" }],
    });
    expect(await h.database.db.consentWording.findMany({ select: { version: true, wording: true } })).toEqual([
      { version: "0123456789ab", wording: old.wording },
    ]);
  });
});
