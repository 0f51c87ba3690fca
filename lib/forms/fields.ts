// What a form definition is made of, as types only: the browser's checks and the server's schema both read it.
import type { CountryCode } from "libphonenumber-js/min";
import type { ContactFieldName, DndChannel } from "@/lib/leadconnector/contract";

export type Option = { value: string; label: string };

/**
 * A LeadConnector custom field. `valueKey` is the property that carries the value: the documented
 * `field_value` unless the account only accepts `value` or `fieldValue`.
 */
export type CustomFieldTarget = { customField: string; key?: string; valueKey?: "field_value" | "value" | "fieldValue" };

/** Where an input's value goes in the contact: a create-contact property, `dnd`, or a custom field. */
export type FieldTarget = ContactFieldName | "dnd" | CustomFieldTarget;

type Common = { name: string; label: string; help?: string; required?: boolean; autoComplete?: string; maps?: FieldTarget };

export type FieldDefinition = Common &
  (
    | { kind: "text"; maxLength?: number; multiline?: boolean }
    | { kind: "email" | "phone" | "url" | "date" | "country" | "timezone" }
    | { kind: "select"; options: Option[] }
    | { kind: "number"; min?: number; max?: number }
    /** Several boxes under one name: a string array (checkbox and multi-select custom fields). */
    | { kind: "checkboxes"; options: Option[] }
    | { kind: "checkbox" }
    /**
     * A consent box for the channels it names: ticked lifts do-not-disturb on them, unticked keeps them blocked. Its
     * label is the wording stored (by version) with the submission. SMS consent is a box of its own; never pre-ticked.
     */
    | { kind: "consent"; channels: DndChannel[] }
  );

export type FormInput = {
  id: string;
  title: string;
  submitLabel: string;
  thankYou: string;
  /** Tags every contact from this form carries. */
  tags: string[];
  fields: FieldDefinition[];
  /** Assumed for phone numbers typed without a +country code. */
  defaultCountry: CountryCode;
  /** The LeadConnector location contacts go to; the configured default when absent. */
  location?: string;
  /** `source` of the contact; "public api" when absent. */
  source?: string;
  /** The LeadConnector user every contact is assigned to, or users taking turns (fair across every process). */
  assignedTo?: string | { roundRobin: string[] };
  /** This form's privacy notice (an https URL or a path on this site); the site's `PRIVACY_NOTICE_URL` when absent. */
  privacyNoticeUrl?: string;
  /** A fixed inbound do-not-disturb status for every contact of this form. */
  inboundDnd?: "active" | "inactive";
  /** Where attribution goes: utm_source/utm_campaign tags (on unless `tags: false`) and custom fields. */
  attribution?: { tags?: boolean; customFields?: Partial<Record<AttributionField, CustomFieldTarget>> };
  /** Send the visitor here after a successful submission instead of showing `thankYou`. */
  redirectTo?: string;
};

export type AttributionField = "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "referrer" | "landingUrl" | "partner";
