/** The hidden input bots fill and people never see; named like a field a form might plausibly have. */
export const HONEYPOT_FIELD = "fax_number";
