/** Hidden inputs every lead form carries besides its fields. */
export const HIDDEN = {
  formId: "formId",
  token: "_token",
  /** Set by the form's script: this browser can solve a proof-of-work challenge. */
  canProve: "_js",
  /** A solved challenge (base64 JSON), posted again after the server asked for one. */
  proof: "_proof",
  /** The browser's IANA time zone; absent without JavaScript. */
  timezone: "_tz",
} as const;
