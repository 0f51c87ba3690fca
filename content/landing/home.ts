import { defineLandingPage } from "@/lib/landing/definition";

export default defineLandingPage({
  slug: "",
  title: "Talk to us",
  description: "Tell us about your project and a person from our team replies within one business day.",
  hero: {
    heading: "Every lead, straight into your CRM.",
    body: "Tell us a little about yourself and our team will get back to you within one business day. Your details go straight to the people who can help, and nowhere else.",
    points: ["A reply from a person, not a bot", "No spam: unsubscribe with one click", "Your data stays with us"],
  },
  form: {
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
      {
        name: "marketingConsent",
        label: "Yes, send me marketing news and offers by e-mail. I can unsubscribe at any time.",
        kind: "consent",
        channels: ["Email"],
      },
      {
        name: "smsConsent",
        label: "Yes, send me text messages (SMS) about offers. Message and data rates may apply; reply STOP to opt out.",
        kind: "consent",
        channels: ["SMS"],
      },
    ],
  },
});
