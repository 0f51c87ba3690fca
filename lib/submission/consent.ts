// Consent a data-protection officer can prove (GDPR Art. 7(1)): per submission, what each box said (by version), what
// the visitor chose, when, on which page, from which browser and (as a keyed hash) which address.
import { createHash, createHmac, hkdfSync } from "node:crypto";
import type { Database } from "@/lib/db/client";
import type { FormDefinition } from "@/lib/forms/definition";
import type { DndChannel } from "@/lib/leadconnector/contract";

/** One box's answer: its channels, whether it was ticked, and the version of the wording beside it. */
export type ConsentChoice = { channels: DndChannel[]; given: boolean; version: string };

/** What `Submission.consent` holds. The wording text is in `ConsentWording`, once per version. */
export type ConsentRecord = { at: string; pageUrl: string | null; ipHash: string | null; userAgent: string | null; boxes: ConsentChoice[] };

/** A consent record with each box's wording, as the dashboard and an export show it. */
export type ConsentEvidence = Omit<ConsentRecord, "boxes"> & { boxes: (ConsentChoice & { wording: string | null })[] };

/** Enough to tell browsers apart; the rest of a long header is noise an attacker can fill. */
export const USER_AGENT_MAX = 512;

/** The version is derived from the wording, so a changed text can never keep an old version. */
export function wordingVersion(wording: string): string {
  return createHash("sha256").update(wording).digest("hex").slice(0, 12);
}

/** The wordings a form shows, by version: what the accept path makes sure is stored. */
export function wordingsOf(form: FormDefinition): { version: string; wording: string }[] {
  return form.fields.flatMap((f) => (f.kind === "consent" ? [{ version: wordingVersion(f.label), wording: f.label }] : []));
}

/**
 * A keyed hash of the client's address: two posts from one address can be matched, the address cannot be read back.
 * Its own key (HKDF label), so it never equals the identifier hashes of the privacy requests.
 */
export function addressHash(address: string, key: string): string | null {
  if (!address || address === "unknown") return null;
  return createHmac("sha256", addressKey(key)).update(address).digest("hex").slice(0, 32);
}

// Derived once per secret, not on every post: HKDF costs more than the rest of the hash.
const addressKeys = new Map<string, Buffer>();
function addressKey(key: string): Buffer {
  let derived = addressKeys.get(key);
  if (!derived) addressKeys.set(key, (derived = Buffer.from(hkdfSync("sha256", key, "leadrelay", "consent-address", 32))));
  return derived;
}

/** The submission's consent record, one entry per box; null when the form asks for none. */
export function consentRecord(
  form: FormDefinition,
  values: Record<string, unknown>,
  { at, pageUrl, ipHash, userAgent }: { at: Date; pageUrl: string | null; ipHash: string | null; userAgent: string | null },
): ConsentRecord | null {
  const boxes = form.fields.flatMap((f) =>
    f.kind === "consent" ? [{ channels: f.channels, given: values[f.name] === true, version: wordingVersion(f.label) }] : [],
  );
  if (boxes.length === 0) return null;
  return { at: at.toISOString(), pageUrl, ipHash, userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null, boxes };
}

/** Records read back with their wording text, in one query for all of them. */
export async function withWording(db: Database, records: unknown[]): Promise<(ConsentEvidence | null)[]> {
  const consents = records.map((r) => (isRecord(r) ? r : null));
  const versions = [...new Set(consents.flatMap((c) => c?.boxes.map((b) => b.version) ?? []))];
  const rows = versions.length ? await db.consentWording.findMany({ where: { version: { in: versions } } }) : [];
  const wording = new Map(rows.map((r) => [r.version, r.wording]));
  return consents.map((c) => c && { ...c, boxes: c.boxes.map((b) => ({ ...b, wording: wording.get(b.version) ?? null })) });
}

function isRecord(value: unknown): value is ConsentRecord {
  return typeof value === "object" && value !== null && Array.isArray((value as ConsentRecord).boxes);
}
