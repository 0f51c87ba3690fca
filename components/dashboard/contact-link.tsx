import type { ContactLink } from "@/lib/db/generated/enums";

const LABELS: Record<ContactLink, string> = {
  CREATED: "new contact",
  EXISTING: "existing contact",
  FOUND: "found after a lost answer",
};

/** How a delivered submission reached its contact, with the contact's id. */
export function ContactLinkNote({ contactId, link }: { contactId: string | null; link: ContactLink | null }) {
  if (!contactId) return null;
  return (
    <span className="text-slate-700">
      {link ? LABELS[link] : "contact"} <code className="text-xs text-slate-500">{contactId}</code>
    </span>
  );
}
