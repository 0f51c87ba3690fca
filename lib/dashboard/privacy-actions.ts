"use server";

import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createLocationDirectory } from "@/lib/locations/directory";
import { eraseHeld, findHeld, identify, identifierHash, type Erased, type Found } from "@/lib/privacy/requests";
import { countDeletions } from "@/lib/privacy/upstream";
import { dashboardAction } from "./authorize";

export type PrivacyState =
  | { status: "idle" }
  | { status: "invalid"; message: string }
  | { status: "found"; identifier: string; kind: "email" | "phone"; found: Found }
  | { status: "erased"; identifier: string; found: Found; reference: string; upstreamContacts: Erased["upstreamContacts"]; upstream: Erased["upstream"] };

const hashKey = () => env().PRIVACY_HASH_KEY ?? env().AUTH_SECRET!;

/** Admin action: what is held on a person. Audited (it reads personal data), with the identifier as a keyed hash only. */
export const findPersonAction = dashboardAction(
  "privacy.find",
  "admin",
  async (context, _previous: PrivacyState, formData: FormData): Promise<PrivacyState> => {
    const identifier = identify(String(formData.get("identifier") ?? ""), String(formData.get("country") || "US"));
    if (!identifier) return { status: "invalid", message: "Enter an email address or a phone number (with +country code, or a US number)." };
    const found = await findHeld(db(), identifier);
    context.note({ detail: { identifierKind: identifier.kind, identifierHash: identifierHash(identifier, hashKey()), ...found } });
    return { status: "found", identifier: identifier.value, kind: identifier.kind, found };
  },
);

/**
 * Admin action: erase what is held on a person, after they typed the identifier a second time; with the separate
 * "upstream" box ticked, their contacts in LeadConnector are deleted too, each outcome shown.
 */
export const erasePersonAction = dashboardAction(
  "privacy.erase-request",
  "admin",
  async (context, _previous: PrivacyState, formData: FormData): Promise<PrivacyState> => {
    const identifier = identify(String(formData.get("identifier") ?? ""), String(formData.get("country") || "US"));
    const confirmation = identify(String(formData.get("confirm") ?? ""), String(formData.get("country") || "US"));
    if (!identifier) return { status: "invalid", message: "Find the person first." };
    if (!confirmation || confirmation.value !== identifier.value)
      return { status: "invalid", message: `Type ${identifier.value} again to confirm the erasure.` };
    const upstream = formData.get("upstream");
    if (upstream !== null && upstream !== "on") return { status: "invalid", message: "Tick the HighLevel box or leave it empty; nothing was erased." };
    const erased = await eraseHeld(db(), identifier, {
      actor: context.actor,
      hashKey: hashKey(),
      upstream: upstream === "on" ? createLocationDirectory(db(), env()) : null,
    });
    context.note({
      detail: { identifierKind: identifier.kind, identifierHash: erased.identifierHash, upstream: erased.upstream ? countDeletions(erased.upstream) : null },
    });
    const { identifierHash: reference, upstreamContacts, upstream: deletions, ...found } = erased;
    return { status: "erased", identifier: identifier.value, found, reference, upstreamContacts, upstream: deletions };
  },
);
