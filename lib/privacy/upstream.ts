import type { LeadConnectorCall } from "@/lib/leadconnector/client";
import type { LocationDirectory } from "@/lib/locations/directory";
import { interpret } from "@/lib/outbox/outcome";

// Deleting an erased person's contacts in LeadConnector (`DELETE /contacts/{id}`, scope contacts.write), each with
// its own location's token. What an answer means is pure, like the outbox's outcome.ts.

/** A contact the person's submissions became, in the location that holds it. */
export type UpstreamContact = { locationId: string; contactId: string };

/** What one delete came to: done, done before, refused until something is fixed, or not done this time. */
export type Deletion = { kind: "deleted" } | { kind: "gone" } | { kind: "refused"; reason: string } | { kind: "failed"; reason: string };

export type ContactDeletion = UpstreamContact & Deletion;

/** The audit log's record of the upstream part: counts only, never a contact id. */
export type DeletionCounts = { contacts: number; deleted: number; alreadyGone: number; refused: number; failed: number };

// LeadConnector answers a contact that no longer exists with 404, or with a 400 saying so; a 404 "Cannot DELETE …" is
// a path the server does not serve (a wrong LEADCONNECTOR_BASE_URL), which proves nothing about the contact.
const ALREADY_GONE = /not found|does not exist|no contact/i;
const NO_SUCH_ROUTE = /"Cannot [A-Z]+ /;

export function interpretDeletion(call: LeadConnectorCall): Deletion {
  const answer = interpret(call);
  const status = call.kind === "response" ? call.status : null;
  if (answer.kind === "ok") return { kind: "deleted" };
  if (call.kind === "response" && ((status === 404 && !NO_SUCH_ROUTE.test(call.body)) || (status === 400 && ALREADY_GONE.test(call.body))))
    return { kind: "gone" };
  if (answer.kind === "unauthorized") return { kind: "refused", reason: `the token lacks contacts.write for this location (${answer.reason})` };
  if (answer.kind === "retry") return { kind: "failed", reason: `${answer.reason}; try again later` };
  return { kind: "refused", reason: answer.kind === "rejected" ? answer.reason : `HTTP ${status}` };
}

/** Each contact once: several submissions may have become the same contact. */
export function uniqueContacts(rows: { locationId: string; contactId: string | null }[]): UpstreamContact[] {
  const unique = new Map<string, UpstreamContact>();
  for (const { locationId, contactId } of rows) if (contactId) unique.set(`${locationId}\n${contactId}`, { locationId, contactId });
  return [...unique.values()];
}

/** Deletes each contact (given once each), all at once, each through its own location's token. */
export async function deleteContacts(locations: LocationDirectory, contacts: UpstreamContact[]): Promise<ContactDeletion[]> {
  return Promise.all(
    contacts.map(async (contact): Promise<ContactDeletion> => {
      try {
        const access = await locations.access(contact.locationId);
        if (!access) return { ...contact, kind: "refused", reason: "LeadRelay holds no token for this location (add it under Locations)" };
        return { ...contact, ...interpretDeletion(await access.client.deleteContact(contact.contactId)) };
      } catch (error) {
        // A stored token that cannot be decrypted (another TOKEN_ENCRYPTION_KEY): the message names no secret.
        return { ...contact, kind: "refused", reason: `the location's token could not be read (${(error as Error).message})` };
      }
    }),
  );
}

export function countDeletions(deletions: ContactDeletion[]): DeletionCounts {
  const count = (kind: Deletion["kind"]) => deletions.filter((d) => d.kind === kind).length;
  return { contacts: deletions.length, deleted: count("deleted"), alreadyGone: count("gone"), refused: count("refused"), failed: count("failed") };
}

/** What the admin must still delete in HighLevel by hand. */
export function notDeleted(deletions: ContactDeletion[]) {
  return deletions.filter((d) => d.kind === "refused" || d.kind === "failed");
}
