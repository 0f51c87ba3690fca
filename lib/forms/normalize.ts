import { isValid as isValidDate, parse } from "date-fns";
import countries from "i18n-iso-countries";
import de from "i18n-iso-countries/langs/de.json";
import en from "i18n-iso-countries/langs/en.json";
import es from "i18n-iso-countries/langs/es.json";
import fr from "i18n-iso-countries/langs/fr.json";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { z } from "zod";

/** A normaliser's answer: the value to send, or the message the visitor sees. */
export type Normalized<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Normalized<T> => ({ ok: true, value });
const fail = (message: string): Normalized<never> => ({ ok: false, message });

// The HTML5 rule (what browsers accept in <input type=email>), with a dot required in the domain.
const email = z.email({ pattern: z.regexes.html5Email }).refine((v) => v.split("@")[1]?.includes("."));

export function normalizeEmail(input: string): Normalized<string> {
  const value = input.trim().toLowerCase();
  return email.safeParse(value).success ? ok(value) : fail("Enter a valid email address, like name@example.com");
}

/** Any common notation to E.164; `country` is assumed when no +code is given. */
export function normalizePhone(input: string, country: CountryCode): Normalized<string> {
  const parsed = parsePhoneNumberFromString(input.trim(), country);
  return parsed?.isValid() ? ok(parsed.number) : fail(`Enter a valid phone number, with the country code if it is not in the ${country}`);
}

[en, de, fr, es].forEach((locale) => countries.registerLocale(locale));
const NAME_LANGUAGES = ["en", "de", "fr", "es"];
/** LeadConnector's list: ISO 3166-1 alpha-2 plus Kosovo and the former Netherlands Antilles. */
const EXTRA_CODES: Record<string, string[]> = { XK: ["kosovo"], AN: ["netherlands antilles", "antilles néerlandaises", "niederländische antillen"] };

/** A country code from LeadConnector's accepted list, from a code or a name in English, German, French or Spanish. */
export function normalizeCountry(input: string): Normalized<string> {
  const value = input.trim();
  const upper = value.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && (countries.isValid(upper) || upper in EXTRA_CODES)) return ok(upper);
  for (const language of NAME_LANGUAGES) {
    const code = countries.getAlpha2Code(value, language) ?? countries.getSimpleAlpha2Code(value, language);
    if (code) return ok(code);
  }
  const lower = value.toLowerCase();
  for (const [code, names] of Object.entries(EXTRA_CODES)) if (names.includes(lower)) return ok(code);
  return fail("Choose a country from the list, or type its name");
}

/** The country picker's choices: LeadConnector's accepted codes with English names, by name. */
export function countryOptions(): { value: string; label: string }[] {
  const names: Record<string, string> = { ...countries.getNames("en", { select: "official" }), XK: "Kosovo", AN: "Netherlands Antilles" };
  return Object.entries(names)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}

/** LeadConnector's eight documented date formats; a date input sends the third. */
export const DATE_FORMATS = ["yyyy/M/d", "M/d/yyyy", "yyyy-M-d", "M-d-yyyy", "yyyy.M.d", "M.d.yyyy", "yyyy_M_d", "M_d_yyyy"];

/** A past date in any documented format, sent as YYYY-MM-DD (one of them). */
export function normalizeDate(input: string, { now = new Date() } = {}): Normalized<string> {
  const value = input.trim();
  if (!/^\d{1,4}[/.\-_]\d{1,2}[/.\-_]\d{1,4}$/.test(value)) return fail("Enter a real date, like 1990-09-25 or 09/25/1990");
  for (const format of DATE_FORMATS) {
    const date = parse(value, format, now);
    if (!isValidDate(date) || date.getFullYear() < 1900) continue;
    if (date > now) return fail("Enter a date in the past");
    const pad = (n: number) => String(n).padStart(2, "0");
    return ok(`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`);
  }
  return fail("Enter a real date, like 1990-09-25 or 09/25/1990");
}

/** An IANA time zone name such as Europe/Berlin. */
export function normalizeTimezone(input: string): Normalized<string> {
  const value = input.trim();
  try {
    if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) throw new RangeError();
    const canonical = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
    return ok(canonical);
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
