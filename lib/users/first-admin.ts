import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { hashPassword } from "./password";

export const DEFAULT_ADMIN_EMAIL = "admin@leadrelay.local";

/**
 * Makes sure someone can sign in: creates ADMIN_EMAIL as an admin when it does not exist yet, or,
 * on an empty user table with no ADMIN_EMAIL, an admin with a generated password.
 * Returns what to tell the operator, or null when there is nothing new.
 */
export async function ensureFirstAdmin(database: Database, { email, password }: { email?: string; password?: string }): Promise<string | null> {
  if (email) {
    const existing = await database.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
    if (existing) return null;
    const chosen = password ?? generatePassword();
    await database.user.create({ data: { email: email.toLowerCase(), passwordHash: await hashPassword(chosen), role: "ADMIN" } });
    return password ? `Created admin ${email} with the password from ADMIN_PASSWORD.` : `Created admin ${email} with password: ${chosen}`;
  }
  if ((await database.user.count()) > 0) return null;
  const generated = generatePassword();
  await database.user.create({ data: { email: DEFAULT_ADMIN_EMAIL, passwordHash: await hashPassword(generated), role: "ADMIN" } });
  return `Created the first admin. Sign in at /login as ${DEFAULT_ADMIN_EMAIL} with password: ${generated}  (shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)`;
}

function generatePassword() {
  return randomBytes(12).toString("base64url");
}
