"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { signOut } from "@/lib/auth";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { formCatalog } from "@/lib/forms/catalog";
import { LocationError, saveLocation } from "@/lib/locations/directory";
import { checkLocationMapping, type MappingReport } from "@/lib/locations/mapping";
import { moduleLog } from "@/lib/log/logger";
import { retryFailedSubmission } from "@/lib/outbox/retry";
import { processDispatcher } from "@/lib/outbox/runtime";
import { changeOwnPassword } from "@/lib/auth/password-change";
import { holdMessage } from "@/lib/auth/throttle";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/account";
import { invalid, type ActionState } from "@/lib/forms/action-state";
import { dashboardAction } from "./authorize";

/** Dashboard action: retry a Failed submission now. */
export const retrySubmission = dashboardAction("submission.retry", "act", async (context, formData: FormData): Promise<void> => {
  const id = z.uuid().safeParse(formData.get("submissionId"));
  if (!id.success) return context.note({ detail: { outcome: "invalid" } });
  context.note({ submissionIds: [id.data] });
  if (await retryFailedSubmission(db(), id.data)) {
    after(() =>
      processDispatcher()
        .deliverNow(id.data)
        .catch((err) => moduleLog("dashboard").error({ err, submissionId: id.data }, "delivery after retry failed")),
    );
  }
  revalidatePath("/dashboard");
});

const locationInput = z.object({
  name: z.string().trim().min(1, "Give the location a name").max(100),
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{4,64}$/, "A LeadConnector location id: letters, digits, - and _"),
  token: z.string().trim().min(20, "Paste the whole token (it is longer than this)").max(4000),
});

/** Admin action: store a location's token, encrypted. Never echoes the token back. */
export const saveLocationAction = dashboardAction(
  "location.save",
  "admin",
  async (context, _previous: ActionState, formData: FormData): Promise<ActionState> => {
    const parsed = locationInput.safeParse(Object.fromEntries(["name", "id", "token"].map((k) => [k, formData.get(k) ?? ""])));
    if (!parsed.success) {
      context.note({ detail: { outcome: "invalid" } });
      return invalid(parsed.error);
    }
    context.note({ detail: { locationId: parsed.data.id, name: parsed.data.name, tokenLast4: parsed.data.token.slice(-4) } });
    try {
      await saveLocation(db(), env(), parsed.data);
    } catch (error) {
      if (error instanceof LocationError) return { status: "error", message: error.message };
      throw error;
    }
    revalidatePath("/dashboard", "layout");
    return { status: "done", message: `Saved ${parsed.data.name}: token ending ${parsed.data.token.slice(-4)}.` };
  },
);

/** Admin action: read a location's custom fields from LeadConnector and report every form target it lacks. Changes nothing. */
export const checkMappingAction = dashboardAction(
  "location.check-mapping",
  "admin",
  async (context, _previous: MappingReport, formData: FormData): Promise<MappingReport> => {
    const locationId = locationInput.shape.id.safeParse(formData.get("locationId") ?? "");
    if (!locationId.success) {
      context.note({ detail: { outcome: "invalid" } });
      return { status: "report", ok: false, summary: "That is not a LeadConnector location id.", problems: [] };
    }
    context.note({ detail: { locationId: locationId.data } });
    const { result, problems, report } = await checkLocationMapping(db(), env(), formCatalog().all(), locationId.data);
    context.note({ detail: { result, problems } });
    return report;
  },
);

const passwordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`).max(200),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "Does not match the new password" });

/** Any signed-in user: change your own password. Every session ends, this one too, so it ends at the login page. */
export const changePasswordAction = dashboardAction(
  "account.change-password",
  "own-account",
  async (context, _previous: ActionState, formData: FormData): Promise<ActionState> => {
    const user = context.actor;
    const parsed = passwordInput.safeParse(Object.fromEntries(["currentPassword", "newPassword", "confirmPassword"].map((k) => [k, formData.get(k) ?? ""])));
    if (!parsed.success) {
      context.note({ detail: { outcome: "invalid" } });
      return invalid(parsed.error);
    }
    const result = await changeOwnPassword(db(), {
      userId: user.id,
      email: user.email,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
    });
    if (result.kind !== "changed") context.note({ detail: { outcome: result.kind } });
    if (result.kind === "held") return { status: "invalid", errors: { currentPassword: [holdMessage(result.until)] } };
    if (result.kind === "wrong-password") return { status: "invalid", errors: { currentPassword: ["That is not your current password"] } };
    if (result.kind !== "changed") return { status: "invalid", errors: { newPassword: ["Could not change the password"] } };
    await signOut({ redirectTo: "/login?password=changed" });
    return { status: "idle" };
  },
);
