import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** How long a rendered form stays valid: a tab left open overnight still works. */
export const FORM_TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** What the server knew when it rendered the form; the post cannot change any of it. */
export type FormTokenClaims = {
  formId: string;
  issuedAt: number;
  /** Makes the token single-use: a submission stores it under a unique index. */
  nonce: string;
  /** The partner whose embed rendered the form, and the page it says it is on. */
  partnerId?: string;
  pageUrl?: string;
  /** The Referer of the page load: where the visitor came from, known without JavaScript. */
  referrer?: string;
};

export type TokenCheck =
  { ok: true; claims: FormTokenClaims; ageMs: number } | { ok: false; reason: "missing" | "forged" | "expired"; claims?: FormTokenClaims };

const claimsSchema = z.object({
  f: z.string(),
  t: z.number().int(),
  n: z.string(),
  p: z.string().optional(),
  u: z.string().optional(),
  r: z.string().optional(),
});

/**
 * Signed, single-use tokens for each rendered form: prove the post comes from a form this site rendered, how
 * long the visitor took, and which partner and page it was rendered for. Server-rendered, so no JavaScript is needed.
 */
export function formTokens(secret: string): FormTokens {
  // Every post checks a token: derive the key once per secret, not once per request.
  let tokens = bySecret.get(secret);
  if (!tokens) bySecret.set(secret, (tokens = tokensFor(secret)));
  return tokens;
}

const bySecret = new Map<string, FormTokens>();
type FormTokens = ReturnType<typeof tokensFor>;

function tokensFor(secret: string) {
  const key = Buffer.from(hkdfSync("sha256", secret, "leadrelay", "form-token-v2", 32));
  const sign = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

  return {
    /** Also gives a visitor whose token expired or was spent a fresh one for the same form, partner and pages. */
    issue({ formId, partnerId, pageUrl, referrer }: Omit<FormTokenClaims, "issuedAt" | "nonce">, now = Date.now()): string {
      const claims = { f: formId, t: now, n: randomBytes(12).toString("base64url"), p: partnerId, u: pageUrl, r: referrer };
      const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
      return `${payload}.${sign(payload)}`;
    },
    check(token: string | null | undefined, formId: string, now = Date.now()): TokenCheck {
      if (!token) return { ok: false, reason: "missing" };
      const [payload, signature = ""] = token.split(".");
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "forged" };
      const parsed = claimsSchema.safeParse(parseJson(Buffer.from(payload, "base64url").toString("utf8")));
      if (!parsed.success || parsed.data.f !== formId) return { ok: false, reason: "forged" };
      const { f, t, n, p, u, r } = parsed.data;
      const claims: FormTokenClaims = { formId: f, issuedAt: t, nonce: n, partnerId: p, pageUrl: u, referrer: r };
      const ageMs = now - t;
      if (ageMs < 0) return { ok: false, reason: "forged" };
      if (ageMs > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: "expired", claims };
      return { ok: true, claims, ageMs };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
