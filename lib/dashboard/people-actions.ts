"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionState } from "@/lib/forms/action-state";
import { addPerson, resetPassword, ROLES, updatePerson } from "@/lib/users/people";
import { dashboardAction } from "./authorize";

/** Admin action: add a person with a role; the password is theirs to choose or generated and shown once. */
export const addPersonAction = dashboardAction("people.create", "admin", async (context, _previous: ActionState, formData: FormData): Promise<ActionState> => {
  const password = String(formData.get("password") ?? "");
  const result = await addPerson(db(), {
    email: String(formData.get("email") ?? ""),
    role: String(formData.get("role") ?? "") as "ADMIN",
    password: password === "" ? undefined : password,
  });
  if (result.kind === "invalid") {
    context.note({ detail: { outcome: "invalid" } });
    return { status: "invalid", errors: result.errors };
  }
  if (result.kind === "duplicate") {
    context.note({ detail: { outcome: "duplicate", email: result.email } });
    return { status: "invalid", errors: { email: [`${result.email} already has an account`] } };
  }
  context.note({ detail: { email: result.email, role: result.role, passwordChosenBy: result.password ? "generated" : "the admin" } });
  revalidatePath("/dashboard/people");
  return {
    status: "done",
    message: result.password
      ? `Added ${result.email} as ${result.role.toLowerCase()}. One-time password, shown only now: ${result.password}`
      : `Added ${result.email} as ${result.role.toLowerCase()} with the password you chose.`,
  };
});

const personChange = z.object({
  userId: z.uuid(),
  intent: z.enum(["role", "deactivate", "reactivate", "reset-password"]),
  role: z.enum(ROLES).optional(),
});

/** Admin action: change a role, deactivate or reactivate, or reset a password (shown once). */
export const changePersonAction = dashboardAction(
  "people.change",
  "admin",
  async (context, _previous: ActionState, formData: FormData): Promise<ActionState> => {
    const parsed = personChange.safeParse({ userId: formData.get("userId"), intent: formData.get("intent"), role: formData.get("role") || undefined });
    if (!parsed.success) {
      context.note({ detail: { outcome: "invalid" } });
      return { status: "error", message: "That change could not be read. Reload the page and try again." };
    }
    const { userId, intent, role } = parsed.data;
    context.note({ detail: { intent, userId } });
    if (intent === "reset-password") {
      const reset = await resetPassword(db(), userId);
      if (!reset) return { status: "error", message: "That person no longer exists." };
      context.note({ detail: { email: reset.email } });
      return { status: "done", message: `New one-time password for ${reset.email}, shown only now: ${reset.password} (their sessions have ended)` };
    }
    if (intent === "role" && !role) return { status: "error", message: "Choose a role." };
    const result = await updatePerson(db(), userId, intent === "role" ? { role } : { active: intent === "reactivate" });
    if (result.kind === "refused") {
      context.note({ detail: { outcome: "refused" } });
      return { status: "error", message: result.message };
    }
    context.note({ detail: { email: result.email, before: result.before, after: result.after } });
    revalidatePath("/dashboard/people");
    const what =
      intent === "role"
        ? `is now ${result.after.role.toLowerCase()}`
        : intent === "deactivate"
          ? "is deactivated: their sessions have ended"
          : "can sign in again";
    return { status: "done", message: `${result.email} ${what}.` };
  },
);
