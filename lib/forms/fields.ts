import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { z } from "zod";

/** A text input: trimmed; an empty optional one becomes undefined so it is never sent as "". */
export const text = (label: string, { required = false, max = 200 } = {}) => {
  const base = z.string({ error: `Enter your ${label.toLowerCase()}` }).trim().max(max, `${label} must be at most ${max} characters`);
  return required
    ? base.min(1, `Enter your ${label.toLowerCase()}`)
    : base.optional().transform((v) => v || undefined);
};

export const email = ({ required = true } = {}) => {
  const valid = z.email("Enter a valid email address, like name@example.com").transform((v) => v.toLowerCase());
  return required
    ? z.string({ error: "Enter your email address" }).trim().min(1, "Enter your email address").pipe(valid)
    : z.string().trim().optional().transform((v) => v || undefined).pipe(valid.optional());
};

/** A phone number in any common notation, sent as E.164; `country` is assumed when no +code is given. */
export const phone = (country: CountryCode, { required = false } = {}) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) {
        if (required) ctx.addIssue({ code: "custom", message: "Enter your phone number" });
        return undefined;
      }
      const parsed = parsePhoneNumberFromString(value, country);
      if (!parsed?.isValid()) {
        ctx.addIssue({ code: "custom", message: "Enter a valid phone number, with the country code if it is not in the " + country });
        return z.NEVER;
      }
      return parsed.number;
    });

/** A checkbox: "on" from a plain HTML post, a boolean from react-hook-form. */
export const checkbox = () =>
  z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true");
