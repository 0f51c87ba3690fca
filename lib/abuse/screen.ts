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

/** What the count-based part of screening needs, as `screen_post` in the database takes it. */
export type PostScreening = {
  formId: string;
  address: string;
  limits: ScreeningLimits;
  /** Already a suspect before counting: the honeypot was filled, or the form was sent too fast. */
  suspect: HeldReason | null;
  /** The post carries a solved challenge bound to its token. */
  proven: boolean;
  canProve: boolean;
};

/** What `screen_post` decided after recording and counting the post. */
export type PostVerdict = { verdict: "accept" | "hold" | "rate_limited" | "challenge"; heldReason: HeldReason | null };

/**
 * The post's token first (no database, but a dropped post's record): a final Screening when it is missing, forged or
 * expired, else the claims and what the count-based part needs.
 */
export async function checkPost(
  database: Database,
  input: ScreeningInput,
): Promise<{ screening: Screening } | { claims: FormTokenClaims; post: PostScreening }> {
  const { formId, token, honeypot, address, secret, limits, canProve, proven, now = Date.now() } = input;
  const tokens = formTokens(secret);
  const check = tokens.check(token, formId, now);
  if (!check.ok && check.reason === "expired") {
    return { screening: { verdict: "retry", reason: "expired_token", message: MESSAGES.expired, token: tokens.issue(check.claims!, now) } };
  }
  if (!check.ok) {
    const reason = check.reason === "missing" ? "missing_token" : "forged_token";
    await database.rejectedPost.create({ data: { formId, reason } });
    return { screening: { verdict: "drop", reason } };
  }
  const { claims } = check;
  const suspect = honeypot ? "honeypot" : check.ageMs < limits.minFillSeconds * 1000 ? "too_fast" : null;
  return { claims, post: { formId, address, limits, suspect, proven: await proven(claims), canProve } };
}

/** Decides what happens to a post before its values are looked at; never refuses a person outright. */
export async function screenSubmission(database: Database, input: ScreeningInput): Promise<Screening> {
  const checked = await checkPost(database, input);
  if ("screening" in checked) return checked.screening;
  return screeningOf(await screenPost(database, checked.post), checked.claims, input.secret);
}

/** The Screening a verdict of `screen_post` means, for this post's claims. */
function screeningOf({ verdict, heldReason }: PostVerdict, claims: FormTokenClaims, secret: string, now = Date.now()): Screening {
  if (verdict === "rate_limited") {
    return { verdict: "retry", reason: "rate_limit_address", message: MESSAGES.rateLimited, token: formTokens(secret).issue(claims, now) };
  }
  if (verdict === "hold") return { verdict: "hold", reason: heldReason!, claims };
  return { verdict, claims };
}

/**
 * `screen_post(...)` with its arguments from parameter `first` on: records the post, counts the earlier ones in the
 * window (append-only rows, so concurrent posts never wait on a shared counter's lock; each count stops at its limit)
 * and decides. A database function (migrations record_form_post, screen_post), so PostgreSQL plans its statements once
 * per connection, and a call the accept path can put inside its insert: screened and stored in one statement.
 */
export function screenPostCall(post: PostScreening, first: number): { sql: string; values: unknown[] } {
  const n = (i: number) => `$${first + i}`;
  return {
    sql: `screen_post(${n(0)}, ${n(1)}, ${n(2)}, ${n(3)}, ${n(4)}, ${n(5)}::"HeldReason", ${n(6)}, ${n(7)})`,
    values: [post.formId, post.address, LIMIT_WINDOW_MINUTES, post.limits.perAddress, post.limits.perForm, post.suspect, post.proven, post.canProve],
  };
}

/** Screens a post on its own (a post whose values are not stored, or stored in a transaction of their own). */
export async function screenPost(database: Database, post: PostScreening): Promise<PostVerdict> {
  const call = screenPostCall(post, 1);
  const { rows } = await poolOf(database).query<PostVerdict>({ text: `SELECT verdict, "heldReason" FROM ${call.sql}`, values: call.values });
  return rows[0];
}

/** Posts older than a day are never counted again; the dispatcher's housekeeping removes them. */
export async function sweepPostRecords(database: Database) {
  await database.$executeRaw`DELETE FROM "FormPost" WHERE "postedAt" < now() - interval '1 day'`;
  await database.$executeRaw`DELETE FROM "RejectedPost" WHERE "postedAt" < now() - interval '1 day'`;
}
