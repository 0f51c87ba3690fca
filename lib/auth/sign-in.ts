import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@/lib/db/client";
import type { Role } from "@/lib/auth/config";
import { recordAudit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { admit, forgive } from "./throttle";

export type SignInAttempt = { email: string; password: string; address: string };

/** Who signed in, with the session version their token will carry. */
export type SignedInUser = { id: string; email: string; name: string | null; role: Role; sessionVersion: number };

export type SignInOutcome = { kind: "signed-in"; user: SignedInUser } | { kind: "refused" } | { kind: "held"; until: Date };

// A hash with the real cost, so an unknown email spends the same argon2 time as a known one.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(`no-such-user-${Math.random()}`));

/**
 * Checks a password under the throttle: a held address is refused before any password is checked; otherwise
 * the attempt waits its delay, and known and unknown emails cost one argon2 verification each.
 */
export async function attemptSignIn(
  database: Database,
  { email: typed, password, address }: SignInAttempt,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<SignInOutcome> {
  const email = typed.trim().toLowerCase();
  const admission = await admit(database, { email, address });
  // Every attempt is on record under the email typed (never the password): who got in, and who kept trying.
  const failed = (reason: string, id: string | null = null) => recordAudit(database, { actor: { id, email }, action: "sign-in.failed", detail: { reason } });
  if (admission.kind === "held") {
    await failed("held: too many failed sign-ins from this address");
    return admission;
  }
  if (admission.delayMs > 0) await wait(admission.delayMs);
  const user = await database.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, sessionVersion: true, deactivatedAt: true },
  });
  const matches = await verifyPassword(user?.passwordHash ?? (await dummy()), password);
  if (!user || !matches || user.deactivatedAt) {
    await failed(!user ? "no such account" : !matches ? "wrong password" : "deactivated", user?.id);
    return { kind: "refused" };
  }
  await forgive(database, { email, address });
  await recordAudit(database, { actor: { id: user.id, email: user.email }, action: "sign-in" });
  return { kind: "signed-in", user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
