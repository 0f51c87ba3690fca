import NextAuth, { type Session } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/users/password";
import { authConfig, type Role } from "./config";

const credentials = z.object({ email: z.email().transform((v) => v.toLowerCase()), password: z.string().min(1).max(200) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(input) {
        const parsed = credentials.safeParse(input);
        if (!parsed.success) return null;
        const user = await db().user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, email: true, name: true, role: true, passwordHash: true },
        });
        if (!user || !(await verifyPassword(user.passwordHash, parsed.data.password))) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
});

export type SignedIn = { id: string; email: string; role: Role };

/** The signed-in user for this request, asked once per request. */
export const currentUser = cache(async (): Promise<SignedIn | null> => {
  const session: Session | null = await auth();
  const user = session?.user as Partial<SignedIn> | undefined;
  if (!user?.id || !user.email || !user.role) return null;
  return { id: user.id, email: user.email, role: user.role };
});
