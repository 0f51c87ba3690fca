import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { clientAddress } from "@/lib/net/client-address";
import { authConfig, SESSION_MAX_HOURS } from "./config";
import { claimsOf, validateSession, type SignedIn } from "./session";
import { attemptSignIn } from "./sign-in";

export type { SignedIn } from "./session";

const credentials = z.object({ email: z.email().transform((v) => v.toLowerCase()), password: z.string().min(1).max(200) });

/** This address is held for this account; `until` says when it may try again. */
export class SignInHeld extends CredentialsSignin {
  code = "held";
  constructor(readonly until: Date) {
    super("too many failed sign-ins from this address");
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(input, request) {
        const parsed = credentials.safeParse(input);
        if (!parsed.success) return null;
        const outcome = await attemptSignIn(db(), { ...parsed.data, address: clientAddress(request.headers) });
        if (outcome.kind === "held") throw new SignInHeld(outcome.until);
        if (outcome.kind === "refused") return null;
        const { id, email, name, role, sessionVersion } = outcome.user;
        return { id, email, name, role, sessionVersion };
      },
    }),
  ],
});

/** The signed-in user for this request, checked against the database once per request. */
export const currentUser = cache(async (): Promise<SignedIn | null> => {
  const session = await auth();
  return validateSession(db(), claimsOf(session?.user), { maxHours: SESSION_MAX_HOURS });
});
