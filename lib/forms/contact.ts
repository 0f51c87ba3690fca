import { defineForm } from "./definition";

export const contactForm = defineForm({
  id: "contact",
  title: "Talk to us",
  submitLabel: "Send",
  thankYou: "Thank you! We received your details and will be in touch shortly.",
  tags: ["website", "contact-form"],
  defaultCountry: "US",
  fields: [
    { name: "firstName", label: "First name", kind: "text", autoComplete: "given-name", required: true, maxLength: 100, maps: "firstName" },
    { name: "lastName", label: "Last name", kind: "text", autoComplete: "family-name", maxLength: 100, maps: "lastName" },
    { name: "email", label: "Email", kind: "email", autoComplete: "email", required: true, maps: "email" },
    { name: "phone", label: "Phone", kind: "phone", autoComplete: "tel", help: "Include the country code if you are outside the US.", maps: "phone" },
    { name: "companyName", label: "Company", kind: "text", autoComplete: "organization", maps: "companyName" },
    { name: "marketingConsent", label: "Yes, send me marketing news and offers by e-mail and SMS. I can unsubscribe at any time.", kind: "consent" },
  ],
  consentChannels: ["Email", "SMS"],
});
