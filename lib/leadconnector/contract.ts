// What LeadConnector's create-contact endpoint accepts (Version 2021-07-28), as data: a leaf module that imports
// nothing, so form definitions can be checked against it without the mapping code.

/** Plain string properties of CreateContactDto that a form input can fill. */
export const CONTACT_FIELDS = [
  "firstName",
  "lastName",
  "name",
  "email",
  "gender",
  "phone",
  "address1",
  "city",
  "state",
  "postalCode",
  "website",
  "timezone",
  "dateOfBirth",
  "country",
  "companyName",
] as const;
export type ContactFieldName = (typeof CONTACT_FIELDS)[number];

/** LeadConnector's do-not-disturb channels. */
export const DND_CHANNELS = ["Call", "Email", "SMS", "WhatsApp", "GMB", "FB"] as const;
export type DndChannel = (typeof DND_CHANNELS)[number];

/** Every property the create-contact endpoint documents; anything else is a 422 upstream. */
export const DOCUMENTED_PROPERTIES = new Set<string>([
  ...CONTACT_FIELDS,
  "locationId",
  "source",
  "tags",
  "dnd",
  "dndSettings",
  "inboundDndSettings",
  "customFields",
  "assignedTo",
]);
