/** Hidden inputs every lead form carries besides its fields. */
export const HIDDEN = { formId: "formId", token: "_token", partner: "_partner", page: "_page", referrer: "_referrer" } as const;
