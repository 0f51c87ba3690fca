// The look of inputs and buttons, in one place for the public forms, the login page and the dashboard.

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand focus:outline-none focus:ring-1 focus:ring-brand aria-invalid:border-red-600";

/** The one main action of a form. */
export const primaryButton =
  "rounded-md bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60";

/** Secondary actions beside it (filters, bulk actions). */
export const secondaryButton = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60";
