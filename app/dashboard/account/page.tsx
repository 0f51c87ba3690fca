import type { Metadata } from "next";
import { PasswordForm } from "@/components/dashboard/password-form";
import { requirePermission } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePermission();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Your account</h1>
      <p className="text-slate-700">Signed in as {user.email}. Changing your password signs you out everywhere, this browser included.</p>
      <PasswordForm />
    </>
  );
}
