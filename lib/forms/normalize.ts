import { isValid as isValidDate, parse } from "date-fns";
import countries from "i18n-iso-countries";
import de from "i18n-iso-countries/langs/de.json";
import en from "i18n-iso-countries/langs/en.json";
import es from "i18n-iso-countries/langs/es.json";
import fr from "i18n-iso-countries/langs/fr.json";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { DATE_MESSAGE, DATE_SHAPE, fail, ok, type Normalized } from "./checks";

// Server only: the numbering plans, country names and date parsing below are most of a form's weight, so the
// browser never loads them (./checks.ts is what it runs); the server's answer comes back as a field error.

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
  if (!DATE_SHAPE.test(value)) return fail(DATE_MESSAGE);
  for (const format of DATE_FORMATS) {
    const date = parse(value, format, now);
    if (!isValidDate(date) || date.getFullYear() < 1900) continue;
    if (date > now) return fail("Enter a date in the past");
    const pad = (n: number) => String(n).padStart(2, "0");
    return ok(`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`);
  }
  return fail(DATE_MESSAGE);
}
