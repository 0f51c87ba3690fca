/** Hidden inputs every lead form carries besides its fields: the one list of their names. */
export const HIDDEN = {
  formId: "formId",
  /** The form's idempotency key, made in the browser: a repeated post finds the first one's submission. */
  idempotencyKey: "idempotencyKey",
  /** The input bots fill and people never see; named like a field a form might plausibly have. */
  honeypot: "fax_number",
  token: "_token",
  /** Set by the form's script: this browser can solve a proof-of-work challenge. */
  canProve: "_js",
  /** A solved challenge (base64 JSON), posted again after the server asked for one. */
  proof: "_proof",
  /** The browser's IANA time zone; absent without JavaScript. */
  timezone: "_tz",
} as const;
