import { defineLandingPage } from "@/lib/landing/definition";

export default defineLandingPage({
  slug: "quote",
  title: "Request a quote",
  description: "Describe the job and get a written quote within two business days.",
  hero: {
    heading: "A clear quote in two business days.",
    body: "Tell us what you need and where. We reply with a fixed price and a date, and no obligation.",
    points: ["Fixed prices, no hidden fees", "Licensed and insured crews", "Free site visit for larger jobs"],
  },
  form: {
    id: "quote",
    title: "Request a quote",
    submitLabel: "Request my quote",
    thankYou: "Thank you! Your request is in. Expect your quote within two business days.",
    tags: ["website", "quote-request"],
    defaultCountry: "US",
    fields: [
      { name: "firstName", label: "First name", kind: "text", autoComplete: "given-name", required: true, maxLength: 100, maps: "firstName" },
      { name: "lastName", label: "Last name", kind: "text", autoComplete: "family-name", required: true, maxLength: 100, maps: "lastName" },
      { name: "email", label: "Email", kind: "email", autoComplete: "email", required: true, maps: "email" },
      { name: "phone", label: "Phone", kind: "phone", autoComplete: "tel", required: true, help: "We call once to confirm the details.", maps: "phone" },
      { name: "address1", label: "Street address", kind: "text", autoComplete: "address-line1", maps: "address1" },
      { name: "city", label: "City", kind: "text", autoComplete: "address-level2", maps: "city" },
      { name: "postalCode", label: "ZIP code", kind: "text", autoComplete: "postal-code", maxLength: 12, maps: "postalCode" },
      {
        name: "service",
        label: "Service",
        kind: "select",
        required: true,
        options: [
          { value: "roofing", label: "Roofing" },
          { value: "gutters", label: "Gutters" },
          { value: "siding", label: "Siding" },
          { value: "windows", label: "Windows" },
        ],
        maps: { customField: "quote_service", key: "contact.service" },
      },
      { name: "budget", label: "Budget in USD", kind: "number", min: 0, max: 10_000_000, help: "A rough figure is fine.", maps: { customField: "quote_budget", key: "contact.budget" } },
      { name: "details", label: "What do you need?", kind: "text", multiline: true, maxLength: 2000, maps: { customField: "quote_details", key: "contact.details" } },
      { name: "marketingConsent", label: "Send me seasonal offers by e-mail. I can unsubscribe at any time.", kind: "consent" },
    ],
    consentChannels: ["Email"],
  },
});
