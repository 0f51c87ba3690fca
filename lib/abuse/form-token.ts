import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** How long a rendered form stays valid: a tab left open overnight still works. */
export const FORM_TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export type TokenCheck = { ok: true; ageMs: number } | { ok: false; reason: "missing" | "forged" | "expired" };

/**
 * A signed render time for each form: proves the post comes from a form this site rendered, and how long
 * the visitor took. Server-rendered, so it works without JavaScript.
 */
export function formTokens(secret: string) {
  const key = Buffer.from(hkdfSync("sha256", secret, "leadrelay", "form-token", 32));
  const sign = (formId: string, issuedAt: number) => createHmac("sha256", key).update(`${formId}.${issuedAt}`).digest("base64url");

  return {
    issue(formId: string, now = Date.now()) {
      return `${now.toString(36)}.${sign(formId, now)}`;
    },
    check(token: string | null | undefined, formId: string, now = Date.now()): TokenCheck {
      if (!token) return { ok: false, reason: "missing" };
      const [stamp, signature] = token.split(".");
      const issuedAt = parseInt(stamp, 36);
      const expected = Buffer.from(sign(formId, issuedAt));
      const given = Buffer.from(signature ?? "");
      if (!Number.isFinite(issuedAt) || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "forged" };
      const ageMs = now - issuedAt;
      if (ageMs < 0) return { ok: false, reason: "forged" };
      if (ageMs > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: "expired" };
      return { ok: true, ageMs };
    },
  };
}
