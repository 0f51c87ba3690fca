import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { MIN_PASSWORD_LENGTH } from "./account";
import { hashPassword } from "./password";

// The people who may sign in, as admins manage them from the dashboard or the command line. Every change that
// takes access away bumps sessionVersion in the same statement, so open sessions end with it.

export const ROLES = ["ADMIN", "MARKETER", "VIEWER"] as const satisfies readonly Role[];

export const newPerson = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter an email address, like name@example.com").max(254)),
  role: z.enum(ROLES, "Choose admin, marketer or viewer"),
  password: z.string().min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters`).max(200).optional(),
});

type Access = { role: Role; active: boolean };

export type PersonChange = { kind: "done"; email: string; before: Access; after: Access } | { kind: "refused"; message: string };

/** A one-time password: shown once to whoever adds or resets the person, never stored in clear or logged. */
export function generatePassword() {
  return randomBytes(15).toString("base64url");
}

export async function listPeople(db: Database) {
  return db.user.findMany({
    orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, createdAt: true, deactivatedAt: true },
  });
}

/** Adds a person; the password is theirs to choose, or generated and returned once. */
export async function addPerson(
  db: Database,
  input: z.input<typeof newPerson>,
): Promise<
  | { kind: "created"; id: string; email: string; role: Role; password: string | null }
  | { kind: "invalid"; errors: Record<string, string[]> }
  | { kind: "duplicate"; email: string }
> {
  const parsed = newPerson.safeParse(input);
  if (!parsed.success) return { kind: "invalid", errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
  const { email, role, password } = parsed.data;
  const generated = password ? null : generatePassword();
  const created = await db.user.createManyAndReturn({
    data: [{ email, role, passwordHash: await hashPassword(password ?? generated!) }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (created.length === 0) return { kind: "duplicate", email };
  return { kind: "created", id: created[0].id, email, role, password: generated };
}

/**
 * Changes a role or (de)activates a person, never leaving no active admin: the change and the count of admins left
 * run under one lock, so two admins demoting each other at once cannot both succeed.
 */
export async function updatePerson(db: Database, userId: string, change: { role?: Role; active?: boolean }): Promise<PersonChange> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('leadrelay.people', 0))`;
    const person = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true, deactivatedAt: true } });
    if (!person) return { kind: "refused", message: "That person no longer exists." };
    const role = change.role ?? person.role;
    const active = change.active ?? person.deactivatedAt === null;
    const wasAdmin = person.role === "ADMIN" && person.deactivatedAt === null;
    if (wasAdmin && !(role === "ADMIN" && active)) {
      const admins = await tx.user.count({ where: { role: "ADMIN", deactivatedAt: null } });
      if (admins <= 1) return { kind: "refused", message: `${person.email} is the only active admin: add another admin first.` };
    }
    const losesAccess = role !== person.role || active !== (person.deactivatedAt === null);
    await tx.user.update({
      where: { id: userId },
      data: {
        role,
        deactivatedAt: active ? null : (person.deactivatedAt ?? new Date()),
        // A role or access taken away ends the sessions that carry the old one.
        ...(losesAccess ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    return {
      kind: "done",
      email: person.email,
      before: { role: person.role, active: person.deactivatedAt === null },
      after: { role, active },
    };
  });
}

/** Sets a new generated password and ends the person's sessions; returns it once. */
export async function resetPassword(db: Database, userId: string): Promise<{ email: string; password: string } | null> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const updated = await db.user.updateManyAndReturn({
    where: { id: userId },
    data: { passwordHash, sessionVersion: { increment: 1 } },
    select: { email: true },
  });
  return updated[0] ? { email: updated[0].email, password } : null;
}
