"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "./index";

/** The login form's action: a readable message on failure, a redirect to the dashboard on success. */
export async function authenticate(_previous: string | undefined, formData: FormData): Promise<string | undefined> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: "/dashboard",
    });
  } catch (error) {
    if (error instanceof AuthError) return "Wrong email or password.";
    throw error; // the redirect after success travels as an exception
  }
}

export async function logOut() {
  await signOut({ redirectTo: "/login" });
}
