import type { Database } from "@/lib/db/client";

/** Failed sign-ins for one account from one address that close that address to that account. */
export const FAILURES_BEFORE_HOLD = 10;
/** The window the failures are counted in, and how long the hold lasts. */
export const HOLD_MINUTES = 15;
/** Account-wide failures (any address) after which every attempt waits before its password is checked. */
export const DELAY_AFTER_FAILURES = 10;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;
const MINUTE = 60_000;

export type Attempt = { email: string; address: string };

/** What the throttle says before a password is checked: go ahead (after a delay), or this address is held until a time. */
export type Admission = { kind: "admitted"; ticket: string; delayMs: number } | { kind: "held"; until: Date };

/** Delay for an attempt on an account with this many recent failures from anywhere: capped exponential, never a refusal. */
export function delayFor(accountFailures: number): number {
  if (accountFailures < DELAY_AFTER_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (accountFailures - DELAY_AFTER_FAILURES));
}

/**
 * Records the attempt as a failure before its password is checked (so parallel posts cannot slip past the
 * count), then decides. A success must call `forgive`; a refusal leaves no row, so a hold is not prolonged.
 * Attempts on one account from one address take turns (a transaction-scoped advisory lock): each sees every
 * earlier one committed, however the database schedules them.
 */
export async function admit(database: Database, { email, address }: Attempt): Promise<Admission> {
  return database.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in|${email}|${address}`}, 0))`;
    const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    // The latest FAILURES_BEFORE_HOLD failures of this pair: all within the window means a hold.
    const previous = await tx.$queryRaw<{ at: Date }[]>`
      SELECT at FROM "SignInFailure"
      WHERE email = ${email} AND address = ${address} AND at > ${now}::timestamptz - ${HOLD_MINUTES * 2} * interval '1 minute'
      ORDER BY at DESC LIMIT ${FAILURES_BEFORE_HOLD}::int`;
    const until = holdEnd(previous.map((row) => row.at));
    if (until && until > now) return { kind: "held", until };
    const [ticket] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "SignInFailure" (id, email, address, at) VALUES (gen_random_uuid(), ${email}, ${address}, ${now}) RETURNING id`;
    const [{ count }] = await tx.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM "SignInFailure"
      WHERE email = ${email} AND id <> ${ticket.id}::uuid AND at > ${now}::timestamptz - ${HOLD_MINUTES} * interval '1 minute'`;
    return { kind: "admitted", ticket: ticket.id, delayMs: delayFor(Number(count)) };
  });
}

/** The end of the hold that these failures (newest first) impose, if they are enough within one window. */
export function holdEnd(newestFirst: Date[]): Date | null {
  if (newestFirst.length < FAILURES_BEFORE_HOLD) return null;
  const newest = newestFirst[0].getTime();
  const oldest = newestFirst[FAILURES_BEFORE_HOLD - 1].getTime();
  if (newest - oldest >= HOLD_MINUTES * MINUTE) return null;
  return new Date(newest + HOLD_MINUTES * MINUTE);
}

/** The right password from this address: its failures for this account are forgiven (other addresses' stay). */
export async function forgive(database: Database, { email, address }: Attempt) {
  await database.$executeRaw`DELETE FROM "SignInFailure" WHERE email = ${email} AND address = ${address}`;
}

/** Deletes failures too old to count for anything; housekeeping calls it, so the table stays small. */
export async function forgetOldFailures(database: Database) {
  await database.$executeRaw`DELETE FROM "SignInFailure" WHERE at < now() - ${HOLD_MINUTES * 2} * interval '1 minute'`;
}

/** The message a held address reads: when to try again, in UTC and in minutes. */
export function holdMessage(until: Date, now: Date = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
  const clock = until.toISOString().slice(11, 16);
  return `Too many attempts. Try again after ${clock} UTC (in ${minutes} minute${minutes === 1 ? "" : "s"}).`;
}
