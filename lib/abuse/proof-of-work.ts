import { createChallenge, randomInt, verifySolution, type Challenge, type Payload } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { hkdfSync } from "node:crypto";

/** PBKDF2 rounds per guess and the range of guesses: about a second of a phone's time, per post, during a flood. */
const COST = 1_000;
const COUNTER = [500, 2_500] as const;
const ALGORITHM = "PBKDF2/SHA-256";
const LIFETIME_MS = 10 * 60 * 1000;

const keys = (secret: string) => ({
  hmacSignatureSecret: Buffer.from(hkdfSync("sha256", secret, "leadrelay", "altcha-signature", 32)).toString("base64url"),
  hmacKeySignatureSecret: Buffer.from(hkdfSync("sha256", secret, "leadrelay", "altcha-key", 32)).toString("base64url"),
});

/**
 * ALTCHA proof of work, self-hosted: asked of browsers only while a form is flooded. Each challenge is bound to one
 * form token's nonce, and tokens are single-use, so one solution never carries a second post.
 */
export function proofOfWork(secret: string) {
  return {
    challenge(tokenNonce: string): Promise<Challenge> {
      return createChallenge({
        algorithm: ALGORITHM,
        cost: COST,
        counter: randomInt(...COUNTER),
        deriveKey,
        data: { token: tokenNonce },
        expiresAt: new Date(Date.now() + LIFETIME_MS),
        ...keys(secret),
      });
    },
    /** The base64 JSON payload the browser posts back; anything malformed is simply not a proof. */
    async verify(encoded: string | null, tokenNonce: string): Promise<boolean> {
      if (!encoded || encoded.length > 4000) return false;
      let payload: Payload;
      try {
        payload = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as Payload;
      } catch {
        return false;
      }
      if (payload?.challenge?.parameters?.data?.token !== tokenNonce) return false;
      const result = await verifySolution({ challenge: payload.challenge, solution: payload.solution, deriveKey, ...keys(secret) }).catch(() => null);
      return result?.verified === true;
    },
  };
}
