import { describe, expect, it } from "vitest";
import { normalizeEmail, normalizeText, normalizeTimezone, normalizeWebsite } from "@/lib/forms/checks";
import { normalizeCountry, normalizeDate, normalizePhone } from "@/lib/forms/normalize";

const now = new Date("2026-11-26T12:00:00Z");

describe("dates of birth", () => {
  it.each([
    ["1990/09/25", "YYYY/MM/DD"],
    ["09/25/1990", "MM/DD/YYYY"],
    ["1990-09-25", "YYYY-MM-DD (a date input)"],
    ["09-25-1990", "MM-DD-YYYY"],
    ["1990.09.25", "YYYY.MM.DD"],
    ["09.25.1990", "MM.DD.YYYY"],
    ["1990_09_25", "YYYY_MM_DD"],
    ["09_25_1990", "MM_DD_YYYY"],
    ["9/5/1990", "single digits"],
  ])("%s (%s) is sent as YYYY-MM-DD", (input) => {
    const expected = input === "9/5/1990" ? "1990-09-05" : "1990-09-25";
    expect(normalizeDate(input, { now })).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["1990-02-30", "Enter a real date, like 1990-09-25 or 09/25/1990"],
    ["13/25/1990", "Enter a real date, like 1990-09-25 or 09/25/1990"],
    ["25/09/1990", "Enter a real date, like 1990-09-25 or 09/25/1990"],
    ["1990-9", "Enter a real date, like 1990-09-25 or 09/25/1990"],
    ["yesterday", "Enter a real date, like 1990-09-25 or 09/25/1990"],
    ["1800-01-01", "Enter a real date, like 1990-09-25 or 09/25/1990"],
    ["2030-01-01", "Enter a date in the past"],
  ])("%s is refused", (input, message) => {
    expect(normalizeDate(input, { now })).toEqual({ ok: false, message });
  });
});

describe("phone numbers", () => {
  it.each([
    ["(415) 555-2671", "US", "+14155552671"],
    ["415.555.2671", "US", "+14155552671"],
    ["+44 20 7946 0958", "US", "+442079460958"],
    ["020 7946 0958", "GB", "+442079460958"],
    ["030 901820", "DE", "+4930901820"],
    ["+49 30 901820", "FR", "+4930901820"],
    ["+81 3-1234-5678", "US", "+81312345678"],
    ["+1 888-888-8888", "US", "+18888888888"],
  ] as const)("%s with default %s is %s", (input, country, expected) => {
    expect(normalizePhone(input, country)).toEqual({ ok: true, value: expected });
  });

  it.each(["12345", "555-0000000000000", "+999 123", "phone"])("%s is refused", (input) => {
    expect(normalizePhone(input, "US")).toMatchObject({ ok: false });
  });
});

describe("countries", () => {
  it.each([
    ["US", "US"],
    ["de", "DE"],
    ["United States", "US"],
    ["united states of america", "US"],
    ["USA", "US"],
    ["Deutschland", "DE"],
    ["Germany", "DE"],
    ["Allemagne", "DE"],
    ["España", "ES"],
    ["Côte d'Ivoire", "CI"],
    ["XK", "XK"],
    ["Kosovo", "XK"],
    ["AN", "AN"],
  ])("%s is %s", (input, code) => {
    expect(normalizeCountry(input)).toEqual({ ok: true, value: code });
  });

  it.each(["ZZ", "Atlantis", "U"])("%s is refused", (input) => {
    expect(normalizeCountry(input)).toEqual({ ok: false, message: "Choose a country from the list, or type its name" });
  });
});

describe("other fields", () => {
  it.each([
    [" Ada@Example.COM ", "ada@example.com"],
    ["o'brien+leads@mail.example.ie", "o'brien+leads@mail.example.ie"],
  ])("email %s is %s", (input, expected) => expect(normalizeEmail(input)).toEqual({ ok: true, value: expected }));
  it.each(["ada@", "ada@example", "@example.com", "ada example.com"])("email %s is refused", (input) =>
    expect(normalizeEmail(input)).toMatchObject({ ok: false }),
  );

  it.each([
    ["Europe/Berlin", "Europe/Berlin"],
    ["America/Chihuahua", "America/Chihuahua"],
    ["UTC", "UTC"],
  ])("time zone %s is valid", (input, expected) => expect(normalizeTimezone(input)).toEqual({ ok: true, value: expected }));
  it.each(["Mars/Olympus", "GMT+5", "berlin"])("time zone %s is refused", (input) => expect(normalizeTimezone(input)).toMatchObject({ ok: false }));

  it.each([
    ["example.com", "https://example.com/"],
    ["http://shop.example.org/path?q=1", "http://shop.example.org/path?q=1"],
    ["HTTPS://Example.com", "https://example.com/"],
  ])("website %s is %s", (input, expected) => expect(normalizeWebsite(input)).toEqual({ ok: true, value: expected }));
  it.each(["localhost", "ftp://example.com", "not a site", "javascript:alert(1)"])("website %s is refused", (input) =>
    expect(normalizeWebsite(input)).toMatchObject({ ok: false }),
  );

  it.each([
    ["  Zoë  ", "Zoë"],
    ["José   María", "José María"],
    ["Zoe\u0308", "Zoë"],
    ["北京市 朝阳区", "北京市 朝阳区"],
    ["محمد", "محمد"],
  ])("text %s keeps its unicode as %s", (input, expected) => expect(normalizeText(input)).toBe(expected));
});
