"use client";

import { useActionState } from "react";
import { erasePersonAction, findPersonAction, type PrivacyState } from "@/lib/dashboard/privacy-actions";
import type { Found } from "@/lib/privacy/requests";
import type { ContactDeletion } from "@/lib/privacy/upstream";
import { inputClass, primaryButton, secondaryButton } from "@/components/ui/styles";

const COUNTS = (found: Found) =>
  `${found.submissions} submission(s), ${found.attempts} delivery attempt(s), ${found.auditEntries} audit entr${found.auditEntries === 1 ? "y" : "ies"}, ${found.signInFailures} failed sign-in(s), ${found.contacts} contact(s) in LeadConnector`;

const OUTCOME: Record<ContactDeletion["kind"], string> = { deleted: "deleted", gone: "already gone", refused: "not deleted, refused", failed: "not deleted" };

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
              undone. Their contacts in LeadConnector stay unless you also tick the box below.
            </p>
            <label htmlFor="privacy-confirm" className="block text-sm font-medium">
              Type {found.identifier} again to confirm
            </label>
            <input id="privacy-confirm" name="confirm" autoComplete="off" className={inputClass} />
            {found.found.contacts > 0 && (
              <div className="flex items-start gap-2">
                <input id="privacy-upstream" name="upstream" type="checkbox" className="mt-1" />
                <label htmlFor="privacy-upstream" className="text-sm">
                  Also delete their {found.found.contacts} contact(s) in HighLevel (LeadConnector), with everything HighLevel holds on them. This cannot be
                  undone there either.
                </label>
              </div>
            )}
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
        <>
          <p role="status" data-testid="privacy-erased" className="mt-4 text-sm text-green-800">
            Erased {erased.identifier}: {COUNTS(erased.found)}. Audit log reference {erased.reference}.
          </p>
          <UpstreamOutcome upstream={erased.upstream} contacts={erased.upstreamContacts} />
        </>
      )}
    </>
  );
}

/** Each contact's delete in HighLevel, and what is left to delete there by hand (all of them when it was not asked). */
function UpstreamOutcome({ upstream, contacts }: { upstream: ContactDeletion[] | null; contacts: { locationId: string; contactId: string }[] }) {
  if (contacts.length === 0) return null;
  const left = upstream ? upstream.filter((d) => d.kind === "refused" || d.kind === "failed") : contacts;
  return (
    <section aria-labelledby="privacy-upstream-heading" data-testid="privacy-upstream" className="mt-4 space-y-2 text-sm">
      <h2 id="privacy-upstream-heading" className="text-lg font-semibold">
        Contacts in HighLevel
      </h2>
      {upstream ? (
        <ul className="list-disc pl-5">
          {upstream.map((d) => (
            <li key={`${d.locationId} ${d.contactId}`}>
              Contact <code>{d.contactId}</code> in location <code>{d.locationId}</code>: {OUTCOME[d.kind]}
              {"reason" in d ? `: ${d.reason}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>Not deleted in HighLevel: the box was not ticked.</p>
      )}
      {left.length > 0 && (
        <p role="alert" data-testid="privacy-upstream-left" className="text-red-800">
          Delete {left.length === 1 ? "this contact" : `these ${left.length} contacts`} in HighLevel by hand:{" "}
          {left.map((c) => `${c.contactId} (location ${c.locationId})`).join(", ")}.
        </p>
      )}
    </section>
  );
}
