import type { Database } from "@/lib/db/client";
import { formTokens } from "./form-token";

export { HONEYPOT_FIELD } from "./honeypot";
const WINDOW_MS = 10 * 60 * 1000;

export type ScreeningLimits = { minFillSeconds: number; perIp: number; perForm: number };

export type Screening =
  | { verdict: "accept" }
  /** Silently turned away: the bot is told "thank you" and learns nothing. */
  | { verdict: "bot"; reason: "honeypot" | "missing_token" | "forged_token" | "too_fast" }
  /** A person may be behind it: they keep what they typed and read why. */
  | { verdict: "retry"; reason: "expired_token" | "rate_limit_ip" | "rate_limit_form"; message: string };

/** Decides whether a submission looks like a person's, before anything is stored. */
export async function screenSubmission(
  database: Database,
  { formId, token, honeypot, ip, secret, limits, now = Date.now() }: { formId: string; token: string | null; honeypot: string | null; ip: string; secret: string; limits: ScreeningLimits; now?: number },
): Promise<Screening> {
  if (honeypot) return { verdict: "bot", reason: "honeypot" };
  const check = formTokens(secret).check(token, formId, now);
  if (!check.ok && check.reason === "expired") {
    return { verdict: "retry", reason: "expired_token", message: "This page was open for a long time. Please check your details and send the form again." };
  }
  if (!check.ok) return { verdict: "bot", reason: check.reason === "missing" ? "missing_token" : "forged_token" };
  if (check.ageMs < limits.minFillSeconds * 1000) return { verdict: "bot", reason: "too_fast" };

  const windowStart = new Date(Math.floor(now / WINDOW_MS) * WINDOW_MS);
  const limited = "You have sent this form several times in a short while. Please wait a few minutes, then send it again.";
  if (limits.perIp > 0 && (await countHit(database, `ip:${ip}`, windowStart)) > limits.perIp) return { verdict: "retry", reason: "rate_limit_ip", message: limited };
  if (limits.perForm > 0 && (await countHit(database, `form:${formId}`, windowStart)) > limits.perForm) {
    return { verdict: "retry", reason: "rate_limit_form", message: "This form is receiving more submissions than usual. Please try again in a few minutes." };
  }
  return { verdict: "accept" };
}

/** One more submission in this key's current window, counted in PostgreSQL so every process sees it. */
async function countHit(database: Database, key: string, windowStart: Date): Promise<number> {
  const [row] = await database.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitWindow" (key, "windowStart", count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimitWindow".count + 1
    RETURNING count`;
  if (Math.random() < 0.01) {
    // Old windows are never read again; an occasional sweep keeps the table small.
    await database.$executeRaw`DELETE FROM "RateLimitWindow" WHERE "windowStart" < now() - interval '1 day'`;
  }
  return row.count;
}

export async function recordRejection(database: Database, reason: string) {
  await database.$executeRaw`
    INSERT INTO "Rejection" (reason, count, "lastAt") VALUES (${reason}, 1, now())
    ON CONFLICT (reason) DO UPDATE SET count = "Rejection".count + 1, "lastAt" = now()`;
}
