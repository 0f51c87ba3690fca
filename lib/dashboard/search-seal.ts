import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { MAX_SEARCH_LENGTH } from "@/lib/outbox/filter";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals the dashboard's search term for its URL: a name or an email must not sit in the address bar, the browser's
 * history or a proxy's access log. AES-256-GCM under a key of its own derived from AUTH_SECRET (HKDF), so the term
 * is neither readable nor forgeable without the secret; a changed secret makes old links' searches unreadable.
 */
export function searchSeal(secret: string) {
  const key = Buffer.from(hkdfSync("sha256", secret, "leadrelay", "outbox-search-v1", 32));
  return {
    seal(term: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const ciphertext = Buffer.concat([cipher.update(term, "utf8"), cipher.final()]);
      return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString("base64url");
    },
    /** The term, or null for anything this key did not seal (changed, truncated, or from another secret). */
    unseal(sealed: string): string | null {
      const bytes = Buffer.from(sealed, "base64url");
      if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const term = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
        return term.length <= MAX_SEARCH_LENGTH ? term : null;
      } catch {
        return null;
      }
    },
  };
}
