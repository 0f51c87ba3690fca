"use client";

import { useActionState } from "react";
import { authenticate } from "@/lib/auth/actions";
import { inputClass, primaryButton } from "@/components/ui/styles";

export function LoginForm() {
  const [error, formAction, pending] = useActionState(authenticate, undefined);
  return (
    <form action={formAction} className="space-y-4">
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className={`w-full ${primaryButton}`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
