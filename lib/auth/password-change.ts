import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@/lib/db/client";
import { changePassword, type PasswordChange } from "@/lib/users/account";
import { admit, forgive } from "./throttle";

/**
 * The sign-in throttle's "address" for changing one's own password: one for every browser, so a stolen session gets
 * the same few guesses at the current password from anywhere (FAILURES_BEFORE_HOLD per HOLD_MINUTES), never more.
 */
export const PASSWORD_CHANGE = "own-password-change";

/**
 * Changes a signed-in user's own password under the sign-in throttle: too many wrong current passwords hold the
 * change, even with the right one, until the hold ends; the right one forgives the wrong ones before it.
 */
export async function changeOwnPassword(
  database: Database,
  change: { userId: string; email: string; currentPassword: string; newPassword: string },
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<PasswordChange | { kind: "held"; until: Date }> {
  const attempt = { email: change.email, address: PASSWORD_CHANGE };
  const admission = await admit(database, attempt);
  if (admission.kind === "held") return admission;
  if (admission.delayMs > 0) await wait(admission.delayMs);
  const result = await changePassword(database, change);
  if (result.kind === "changed") await forgive(database, attempt);
  return result;
}
