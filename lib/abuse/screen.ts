import { poolOf, type Database } from "@/lib/db/client";
import { formTokens, type FormTokenClaims } from "./form-token";

/** Per-address and per-form limits count the posts of the last ten minutes (a sliding window). */
export const LIMIT_WINDOW_MINUTES = 10;

export type ScreeningLimits = { minFillSeconds: number; perAddress: number; perForm: number };

export type { HeldReason } from "@/lib/db/generated/enums";
import type { HeldReason } from "@/lib/db/generated/enums";
export type DropReason = "missing_token" | "forged_token";

export type Screening =
  | { verdict: "accept"; claims: FormTokenClaims }
  /** Looks like a bot, or came in a flood without proof of work: stored as Held for a person to judge, and thanked. */
  | { verdict: "hold"; reason: HeldReason; claims: FormTokenClaims }
  /** No form this site rendered: nothing stored, and the sender is thanked all the same. */
  | { verdict: "drop"; reason: DropReason }
  /** A person may be behind it: they keep what they typed, read why, and get a fresh token. */
  | { verdict: "retry"; reason: "expired_token" | "rate_limit_address"; message: string; token: string }
  /** The form is flooded and this browser can prove work: it solves a challenge and posts again. */
  | { verdict: "challenge"; claims: FormTokenClaims };

export const MESSAGES = {
  expired: "This page was open for a long time. Please check your details and send the form again.",
  spent: "This form was already sent from this page. Please check your details and send it again.",
  rateLimited: "You have sent this form several times in a short while. Please wait a few minutes, then send it again.",
};

export type ScreeningInput = {
  formId: string;
  token: string | null;
  honeypot: string | null;
  address: string;
  secret: string;
  limits: ScreeningLimits;
  /** The browser runs our script and can solve a proof-of-work challenge. */
  canProve: boolean;
  /** Verifies a solved challenge bound to this token's nonce. */
  proven: (claims: FormTokenClaims) => Promise<boolean>;
  now?: number;
};

/** Decides what happens to a post before its values are looked at; never refuses a person outright. */
export async function screenSubmission(database: Database, input: ScreeningInput): Promise<Screening> {
  const { formId, token, honeypot, address, secret, limits, canProve, proven, now = Date.now() } = input;
  const tokens = formTokens(secret);
  const check = tokens.check(token, formId, now);
  if (!check.ok && check.reason === "expired") {
    return { verdict: "retry", reason: "expired_token", message: MESSAGES.expired, token: tokens.issue(check.claims!, now) };
  }
  if (!check.ok) {
    const reason = check.reason === "missing" ? "missing_token" : "forged_token";
    await database.rejectedPost.create({ data: { formId, reason } });
    return { verdict: "drop", reason };
  }
  const { claims } = check;

  const counts = await countPost(database, { formId, address, limits });
  if (limits.perAddress > 0 && counts.byAddress >= limits.perAddress) {
    return { verdict: "retry", reason: "rate_limit_address", message: MESSAGES.rateLimited, token: tokens.issue(claims, now) };
  }
  if (honeypot) return { verdict: "hold", reason: "honeypot", claims };
  if (check.ageMs < limits.minFillSeconds * 1000) return { verdict: "hold", reason: "too_fast", claims };
  if (limits.perForm > 0 && counts.byForm >= limits.perForm && !(await proven(claims))) {
    return canProve ? { verdict: "challenge", claims } : { verdict: "hold", reason: "flood", claims };
  }
  return { verdict: "accept", claims };
}

/**
 * Records this post and counts the earlier ones in the window, in one statement. Rows are only ever inserted,
 * so concurrent posts never wait on a shared counter's lock; each count stops at its limit. A function in the
 * database (migration record_form_post), so PostgreSQL plans its statements once per connection, not per post.
 */
async function countPost(database: Database, { formId, address, limits }: { formId: string; address: string; limits: ScreeningLimits }) {
  const { rows } = await poolOf(database).query<{ byAddress: number; byForm: number }>({
    text: `SELECT "byAddress", "byForm" FROM record_form_post($1, $2, $3, $4, $5)`,
    values: [formId, address, LIMIT_WINDOW_MINUTES, limits.perAddress, limits.perForm],
  });
  return rows[0];
}

/** Posts older than a day are never counted again; the dispatcher's housekeeping removes them. */
export async function sweepPostRecords(database: Database) {
  await database.$executeRaw`DELETE FROM "FormPost" WHERE "postedAt" < now() - interval '1 day'`;
  await database.$executeRaw`DELETE FROM "RejectedPost" WHERE "postedAt" < now() - interval '1 day'`;
}
