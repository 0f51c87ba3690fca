import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Parses TOKEN_ENCRYPTION_KEY: 32 bytes as base64 or hex. */
export function parseKey(text: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  return key.length === 32 ? key : null;
}

/** AES-256-GCM with a random 96-bit nonce; the location id is bound as associated data. */
export function encryptToken(token: string, key: Buffer, locationId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(locationId));
  const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptToken(stored: string, key: Buffer, locationId: string): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !ciphertext) throw new Error("Unknown token format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url")).setAAD(Buffer.from(locationId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** Tells tokens apart without keeping them: a refused token's fingerprint shows when it was replaced. */
export function tokenFingerprint(token: string) {
  return createHash("sha256").update(token).digest("hex").slice(0, 16);
}

/** The only part of a token ever shown. */
export function lastFour(token: string) {
  return token.slice(-4);
}
