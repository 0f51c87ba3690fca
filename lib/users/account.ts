import type { Database } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "./password";

// Each change that must end a user's sessions bumps sessionVersion in the same statement; tokens carry the
// version they were issued with, and lib/auth refuses any token whose version is no longer current.

/** Ends every session of this user (sign-out ends them all, not just this browser's). */
export async function endSessions(database: Database, userId: string) {
  await database.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export type PasswordChange = { kind: "changed" } | { kind: "wrong-password" } | { kind: "too-short" } | { kind: "no-such-user" };

export const MIN_PASSWORD_LENGTH = 12;

/** Changes a password after checking the current one; every session, this one included, ends. */
export async function changePassword(
  database: Database,
  { userId, currentPassword, newPassword }: { userId: string; currentPassword: string; newPassword: string },
): Promise<PasswordChange> {
  if (newPassword.length < MIN_PASSWORD_LENGTH) return { kind: "too-short" };
  const user = await database.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) return { kind: "no-such-user" };
  if (!(await verifyPassword(user.passwordHash, currentPassword))) return { kind: "wrong-password" };
  await database.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(newPassword), sessionVersion: { increment: 1 } },
  });
  return { kind: "changed" };
}

/** Stops a user signing in and ends their sessions; the row (and who did what) stays. */
export async function deactivateUser(database: Database, userId: string) {
  const { count } = await database.user.updateMany({
    where: { id: userId },
    data: { deactivatedAt: new Date(), sessionVersion: { increment: 1 } },
  });
  return count === 1;
}

/** Deletes a user; a token naming a user who no longer exists is refused, so their sessions end with the row. */
export async function deleteUser(database: Database, userId: string) {
  const { count } = await database.user.deleteMany({ where: { id: userId } });
  return count === 1;
}
