import { z } from "zod";
import { defineForm } from "./definition";
import { checkbox, email, phone, text } from "./fields";

export const contactForm = defineForm({
  id: "contact",
  title: "Talk to us",
  submitLabel: "Send",
  thankYou: "Thank you! We received your details and will be in touch shortly.",
  tags: ["website", "contact-form"],
  fields: [
    { name: "firstName", label: "First name", type: "text", autoComplete: "given-name", required: true, contactField: "firstName" },
    { name: "lastName", label: "Last name", type: "text", autoComplete: "family-name", contactField: "lastName" },
    { name: "email", label: "Email", type: "email", autoComplete: "email", required: true, contactField: "email" },
    { name: "phone", label: "Phone", type: "tel", autoComplete: "tel", help: "Optional. Include the country code if you are outside the US.", contactField: "phone" },
    { name: "companyName", label: "Company", type: "text", autoComplete: "organization", contactField: "companyName" },
    { name: "marketingConsent", label: "Yes, send me news and offers by email and text message. I can unsubscribe at any time.", type: "checkbox" },
  ],
  schema: z.object({
    firstName: text("First name", { required: true, max: 100 }),
    lastName: text("Last name", { max: 100 }),
    email: email(),
    phone: phone("US"),
    companyName: text("Company", { max: 200 }),
    marketingConsent: checkbox(),
  }),
  consent: { field: "marketingConsent", channels: ["Email", "SMS"] },
});
