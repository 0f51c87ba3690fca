import type { NextAuthConfig } from "next-auth";

export type Role = "ADMIN" | "MARKETER";

/** The part of the auth setup the request gate needs: no database, no password hashing. */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.role = (user as { role?: Role }).role;
      return token;
    },
    session({ session, token }) {
      Object.assign(session.user, { id: token.sub, role: token.role });
      return session;
    },
  },
} satisfies NextAuthConfig;
