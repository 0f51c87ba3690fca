import type { NextAuthConfig } from "next-auth";
import { readEnv, trustHost } from "@/lib/config/env";
import { sessionExpired } from "./lifetime";

export type Role = "ADMIN" | "MARKETER" | "VIEWER";

// Only the settings auth needs, so the request gate does not depend on unrelated configuration.
const settings = readEnv({
  AUTH_URL: process.env.AUTH_URL,
  AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST,
  SESSION_MAX_HOURS: process.env.SESSION_MAX_HOURS,
});

/** The hours a session lasts from sign-in, however active its user (SESSION_MAX_HOURS). */
export const SESSION_MAX_HOURS = settings.SESSION_MAX_HOURS;

/**
 * The part of the auth setup the request gate needs: no database, no password hashing. The token carries who
 * signed in, the session version they signed in under and when; lib/auth/session.ts checks them against the
 * database on every request that reads data or acts.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_HOURS * 60 * 60 },
  trustHost: trustHost(settings),
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion;
        token.signedInAt = Date.now();
      }
      // Past its absolute lifetime the token is dropped (Auth.js then clears the cookie) instead of renewed.
      if (typeof token.signedInAt !== "number" || sessionExpired(token.signedInAt, SESSION_MAX_HOURS)) return null;
      return token;
    },
    session({ session, token }) {
      Object.assign(session.user, { id: token.sub, sessionVersion: token.sessionVersion, signedInAt: token.signedInAt });
      return session;
    },
  },
} satisfies NextAuthConfig;
