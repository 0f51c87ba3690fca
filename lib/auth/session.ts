import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { Role } from "./config";
import { sessionExpired } from "./lifetime";

/** What a session token claims: who, under which session version, since when (ms). Signed, but possibly stale. */
export type SessionClaims = { userId: string; sessionVersion: number; signedInAt: number };

export type SignedIn = { id: string; email: string; role: Role };

const claims = z.object({ id: z.uuid(), sessionVersion: z.number().int(), signedInAt: z.number() });

/** The claims in an Auth.js session's user, or null when any is missing (a token from before versions existed). */
export function claimsOf(sessionUser: unknown): SessionClaims | null {
  const parsed = claims.safeParse(sessionUser);
  return parsed.success ? { userId: parsed.data.id, sessionVersion: parsed.data.sessionVersion, signedInAt: parsed.data.signedInAt } : null;
}

/**
 * The user a session speaks for, read from the database now: null when the session is past its lifetime, the
 * user is gone or deactivated, or their session version moved on (sign-out, password change). The role is the
 * database's, never the cookie's.
 */
export async function validateSession(
  database: Database,
  session: SessionClaims | null,
  { maxHours, now = Date.now() }: { maxHours: number; now?: number },
): Promise<SignedIn | null> {
  if (!session || sessionExpired(session.signedInAt, maxHours, now)) return null;
  const user = await database.user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, role: true, sessionVersion: true, deactivatedAt: true },
  });
  if (!user || user.deactivatedAt || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, role: user.role };
}
