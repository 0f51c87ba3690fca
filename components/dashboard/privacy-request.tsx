"use client";

import { useActionState } from "react";
import { erasePersonAction, findPersonAction, type PrivacyState } from "@/lib/dashboard/privacy-actions";
import { inputClass, primaryButton, secondaryButton } from "@/components/ui/styles";

const COUNTS = (found: { submissions: number; attempts: number; auditEntries: number; signInFailures: number }) =>
  `${found.submissions} submission(s), ${found.attempts} delivery attempt(s), ${found.auditEntries} audit entr${found.auditEntries === 1 ? "y" : "ies"}, ${found.signInFailures} failed sign-in(s)`;

/** Find what is held on a person, then export it or erase it; the identifier travels in POST bodies only. */
export function PrivacyRequest() {
  const [found, find, finding] = useActionState<PrivacyState, FormData>(findPersonAction, { status: "idle" });
  const [erased, erase, erasing] = useActionState<PrivacyState, FormData>(erasePersonAction, { status: "idle" });
  return (
    <>
      <form action={find} className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="privacy-identifier" className="block text-sm font-medium">
            Email or phone number
          </label>
          <input id="privacy-identifier" name="identifier" autoComplete="off" required className={inputClass} />
        </div>
        <button type="submit" disabled={finding} className={primaryButton}>
          Find
        </button>
      </form>
      {found.status === "invalid" && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {found.message}
        </p>
      )}
      {found.status === "found" && (
        <section aria-labelledby="privacy-found" className="mt-6 space-y-4">
          <h2 id="privacy-found" className="text-lg font-semibold">
            Held on {found.identifier}
          </h2>
          <p role="status" data-testid="privacy-counts">
            {COUNTS(found.found)}
          </p>
          <form method="post" action="/dashboard/privacy/export" className="flex gap-2">
            <input type="hidden" name="identifier" value={found.identifier} />
            <button type="submit" name="format" value="json" className={secondaryButton}>
              Export JSON
            </button>
            <button type="submit" name="format" value="csv" className={secondaryButton}>
              Export CSV
            </button>
          </form>
          <form action={erase} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-4">
            <input type="hidden" name="identifier" value={found.identifier} />
            <p className="text-sm text-red-900">
              Erasing removes this person&apos;s data from every submission, attempt and audit entry; submissions not yet delivered are never sent. It cannot be
              undone. The contact in LeadConnector is not deleted: delete it there too.
            </p>
            <label htmlFor="privacy-confirm" className="block text-sm font-medium">
              Type {found.identifier} again to confirm
            </label>
            <input id="privacy-confirm" name="confirm" autoComplete="off" className={inputClass} />
            <button type="submit" disabled={erasing} className={primaryButton}>
              Erase
            </button>
          </form>
        </section>
      )}
      {erased.status === "invalid" && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {erased.message}
        </p>
      )}
      {erased.status === "erased" && (
        <p role="status" data-testid="privacy-erased" className="mt-4 text-sm text-green-800">
          Erased {erased.identifier}: {COUNTS(erased.found)}. Audit log reference {erased.reference}.
        </p>
      )}
    </>
  );
}
