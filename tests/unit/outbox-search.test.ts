// The sealed search term in dashboard URLs, and what a submission offers to the search and to the list's columns.
import { describe, expect, it } from "vitest";
import { readOutboxView } from "@/lib/dashboard/outbox-view";
import { searchSeal } from "@/lib/dashboard/search-seal";
import { leadSummary } from "@/lib/forms/summary";
import { searchPattern } from "@/lib/outbox/filter";
import { searchTextOf } from "@/lib/submission/search-text";
import { contactForm, webinarForm } from "../../support/forms";

const SECRET = "a-test-secret-of-at-least-32-characters!";

describe("the sealed search term", () => {
  it("round-trips, and its URL form shows nothing of the term", () => {
    const seal = searchSeal(SECRET);
    const sealed = seal.seal("Ada.Lovelace@example.com");
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed.toLowerCase()).not.toContain("ada");
    expect(seal.unseal(sealed)).toBe("Ada.Lovelace@example.com");
    expect(seal.seal("same")).not.toBe(seal.seal("same")); // a fresh nonce each time: equal terms do not look equal
  });

  it("rejects a changed value, a truncated one, and one sealed under another secret", () => {
    const sealed = searchSeal(SECRET).seal("grace@navy.example");
    const bytes = Buffer.from(sealed, "base64url");
    bytes[14] ^= 1;
    expect(searchSeal(SECRET).unseal(bytes.toString("base64url"))).toBeNull();
    expect(searchSeal(SECRET).unseal(sealed.slice(0, -4))).toBeNull();
    expect(searchSeal(`${SECRET}-rotated`).unseal(sealed)).toBeNull();
    expect(searchSeal(SECRET).unseal("not-a-sealed-term-at-all")).toBeNull();
  });

  it("is ignored with a notice when a dashboard URL carries a tampered one, keeping the other filters", () => {
    const sealed = searchSeal(SECRET).seal("ada");
    const good = readOutboxView(new URLSearchParams({ status: "FAILED", q: sealed }), SECRET);
    expect(good).toMatchObject({ filter: { status: "FAILED", search: "ada" }, searchIgnored: false });
    const bytes = Buffer.from(sealed, "base64url");
    bytes[bytes.length - 1] ^= 0x80;
    const tampered = readOutboxView(new URLSearchParams({ status: "FAILED", q: bytes.toString("base64url") }), SECRET);
    expect(tampered).toMatchObject({ filter: { status: "FAILED" }, query: { status: "FAILED" }, searchIgnored: true });
    expect(tampered.filter.search).toBeUndefined();
  });
});

describe("what a submission offers", () => {
  it("to the search: the mapped name, email, phone and company values and the phone's digits, lowercased", () => {
    const values = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "+12025550143", companyName: "Engines", marketingConsent: true };
    expect(searchTextOf(contactForm, values)).toBe("ada\nlovelace\nada@example.com\n+12025550143\n12025550143\nengines");
    expect(searchTextOf(webinarForm, { firstName: "Grace", email: "g@example.com", country: "US", timezone: "America/New_York" })).toBe("grace\ng@example.com");
  });

  it("to the list's columns: name and email through the form's mapping", () => {
    expect(leadSummary(contactForm, { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" })).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
    });
    expect(leadSummary(webinarForm, { firstName: "Grace", email: "g@example.com" })).toEqual({ name: "Grace", email: "g@example.com" });
    expect(leadSummary(undefined, { firstName: "Gone" })).toEqual({ name: "", email: "" });
  });

  it("to LIKE: a phone number's digits, other terms lowercased with their wildcards escaped", () => {
    expect(searchPattern("Ada@Example")).toBe("%ada@example%");
    expect(searchPattern("(202) 555-0143")).toBe("%2025550143%");
    expect(searchPattern("ada_l%")).toBe("%ada\\_l\\%%");
    expect(searchPattern("12")).toBe("%12%");
  });
});
