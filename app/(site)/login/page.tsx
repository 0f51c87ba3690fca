import type { Metadata } from "next";
import { LoginForm } from "@/components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ password?: string; error?: string }> }) {
  const { password, error } = await searchParams;
  return (
    <div className="mx-auto max-w-sm px-6 py-16">
      <h1 className="mb-6 text-2xl font-bold">Sign in to LeadRelay</h1>
      {password === "changed" && (
        <p role="status" className="mb-4 text-sm text-green-800">
          Your password was changed and every session ended. Sign in with the new password.
        </p>
      )}
      {error === "forbidden" && (
        <p role="alert" className="mb-4 text-sm text-red-700">
          Your role does not allow that. Ask an admin for access, or sign in as someone who has it.
        </p>
      )}
      <LoginForm />
    </div>
  );
}
