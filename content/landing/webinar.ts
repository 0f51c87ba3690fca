import { defineLandingPage } from "@/lib/landing/definition";

export default defineLandingPage({
  slug: "webinar",
  title: "Webinar: leads that never get lost",
  description: "A 45-minute live session on capturing, routing and following up every lead. Free, with recording.",
  hero: {
    heading: "Free webinar: leads that never get lost",
    body: "Thursday, 10 December, 17:00 UTC. 45 minutes, live questions, and the recording for everyone who signs up.",
    points: ["Where leads leak between the form and the CRM", "Follow-up that does not feel automated", "Live Q&A"],
  },
  form: {
    id: "webinar",
    title: "Save my seat",
    submitLabel: "Save my seat",
    thankYou: "Thank you! Your seat is saved. The link arrives by e-mail a day before the webinar.",
    tags: ["website", "webinar-2026-12"],
    defaultCountry: "US",
    fields: [
      { name: "firstName", label: "First name", kind: "text", autoComplete: "given-name", required: true, maxLength: 100, maps: "firstName" },
      { name: "email", label: "Email", kind: "email", autoComplete: "email", required: true, maps: "email" },
      { name: "country", label: "Country", kind: "country", autoComplete: "country", maps: "country" },
      { name: "timezone", label: "Time zone", kind: "timezone", help: "For example Europe/Berlin; we send the time in yours.", maps: "timezone" },
      {
        name: "topics",
        label: "Topics you care about",
        kind: "checkboxes",
        options: [
          { value: "forms", label: "Forms that convert" },
          { value: "routing", label: "Routing and assignment" },
          { value: "follow-up", label: "Follow-up sequences" },
        ],
        maps: { customField: "webinar_topics", key: "contact.topics" },
      },
      { name: "marketingConsent", label: "Send me the recording and future webinar invitations by e-mail.", kind: "consent", channels: ["Email"] },
    ],
  },
});
