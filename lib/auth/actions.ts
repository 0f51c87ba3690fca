"use server";

import { AuthError } from "next-auth";
import { db } from "@/lib/db/client";
import { endSessions } from "@/lib/users/account";
import { currentUser, SignInHeld, signIn, signOut } from "./index";
import { holdMessage } from "./throttle";

/** The login form's action: a readable message on failure, a redirect to the dashboard on success. */
export async function authenticate(_previous: string | undefined, formData: FormData): Promise<string | undefined> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: "/dashboard",
    });
  } catch (error) {
    if (error instanceof SignInHeld) return holdMessage(error.until);
    if (error instanceof AuthError && error.type === "UntrustedHost")
      return "Sign-in is not configured on this server: set AUTH_URL or AUTH_TRUST_HOST (see README).";
    if (error instanceof AuthError) return "Wrong email or password.";
    throw error; // the redirect after success travels as an exception
  }
}

/** Signing out ends every session of this user, so a copied cookie stops working too. */
export async function logOut() {
  const user = await currentUser();
  if (user) await endSessions(db(), user.id);
  await signOut({ redirectTo: "/login" });
}
