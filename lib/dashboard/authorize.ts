import { redirect } from "next/navigation";
import { recordAudit } from "@/lib/audit/log";
import { currentUser, type SignedIn } from "@/lib/auth";
import { can, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export type ActionContext = {
  actor: SignedIn;
  /** Adds to this call's audit entry: the submissions acted on, the filter and count, before and after. */
  note(entry: { submissionIds?: string[]; detail?: Record<string, Prisma.InputJsonValue | null> }): void;
};

const MUTATING: readonly Permission[] = ["act", "admin", "own-account"];

/**
 * The only way a dashboard action is written: checks the session (read from the database now) and the role
 * itself, and appends one audit entry for every call of an action that changes something, whatever its outcome.
 */
export function dashboardAction<Args extends unknown[], Result>(
  name: string,
  permission: Permission,
  handler: (context: ActionContext, ...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args: Args) => {
    const actor = await currentUser();
    if (!actor) redirect("/login");
    if (!can(actor.role, permission)) {
      await recordAudit(db(), { actor, action: name, detail: { outcome: "denied", role: actor.role } });
      redirect("/login?error=forbidden");
    }
    const submissionIds: string[] = [];
    const detail: Record<string, Prisma.InputJsonValue | null> = {};
    const context: ActionContext = {
      actor,
      note(entry) {
        submissionIds.push(...(entry.submissionIds ?? []));
        Object.assign(detail, entry.detail);
      },
    };
    let outcome = "done";
    try {
      return await handler(context, ...args);
    } catch (error) {
      if (!isRedirect(error)) outcome = "error";
      throw error;
    } finally {
      if (MUTATING.includes(permission)) {
        await recordAudit(db(), { actor, action: name, submissionIds, detail: { outcome, ...detail } });
      }
    }
  };
}

// Next.js ends an action with a redirect by throwing; that is a success, not an error.
function isRedirect(error: unknown): boolean {
  return typeof error === "object" && error !== null && String((error as { digest?: unknown }).digest).startsWith("NEXT_REDIRECT");
}
