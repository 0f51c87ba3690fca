import { createHash, timingSafeEqual } from "node:crypto";

/** Whether an `Authorization: Bearer …` header carries the secret (compared in constant time); never with no secret set. */
export function isBearerAuthorized(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header?.startsWith("Bearer ")) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(header.slice("Bearer ".length)), digest(secret));
}
