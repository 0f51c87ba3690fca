import { describe, expect, it } from "vitest";
import { z } from "zod";
import { contactForm } from "../../support/forms";

const valid = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "", companyName: "", marketingConsent: "on" };
const errorsOf = (input: Record<string, unknown>) => {
  const result = contactForm.schema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
};

describe("the contact form's schema", () => {
  it.each([
    ["a plain HTML post", valid, { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", marketingConsent: true }],
    [
      "react-hook-form values",
      { ...valid, marketingConsent: false },
      { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", marketingConsent: false },
    ],
    [
      "an unticked box (absent from the post)",
      { firstName: "Ada", email: "ada@example.com" },
      { firstName: "Ada", email: "ada@example.com", marketingConsent: false },
    ],
    [
      "spaces and capitals",
      { ...valid, firstName: "  Zoë ", email: " ADA@Example.com " },
      { firstName: "Zoë", lastName: "Lovelace", email: "ada@example.com", marketingConsent: true },
    ],
    ["a national phone number", { ...valid, phone: "(415) 555-2671" }, { phone: "+14155552671" }],
    ["an international phone number", { ...valid, phone: "+44 20 7946 0958" }, { phone: "+442079460958" }],
    ["a company", { ...valid, companyName: "  Analytical Engines Ltd " }, { companyName: "Analytical Engines Ltd" }],
  ])("accepts %s", (_, input, expected) => {
    const result = contactForm.schema.parse(input);
    expect(result).toMatchObject(expected);
  });

  it("leaves empty optional inputs out instead of sending empty strings", () => {
    const result = contactForm.schema.parse({ ...valid, lastName: "  ", phone: "", companyName: "" });
    expect(result.lastName).toBeUndefined();
    expect(result.phone).toBeUndefined();
    expect(result.companyName).toBeUndefined();
  });

  it.each([
    ["a missing first name", { ...valid, firstName: " " }, { firstName: ["Enter your first name"] }],
    ["a missing email", { ...valid, email: "" }, { email: ["Enter your email"] }],
    ["an invalid email", { ...valid, email: "ada@" }, { email: ["Enter a valid email address, like name@example.com"] }],
    ["an impossible phone number", { ...valid, phone: "12345" }, { phone: ["Enter a valid phone number, with the country code if it is not in the US"] }],
    ["a first name that is too long", { ...valid, firstName: "x".repeat(101) }, { firstName: ["First name must be at most 100 characters"] }],
  ])("rejects %s with a message for that field", (_, input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });
});
