import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

/** Origins allowed to frame /embed/* pages; read per request so a restart is enough to change them. */
function embedAncestors() {
  return (process.env.EMBED_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * The request gate: framing rules for every page and a sign-in redirect for the dashboard.
 * It is a convenience, not the protection: dashboard pages and actions check the session themselves.
 */
export const proxy = auth((request) => {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/dashboard") && !request.auth?.user) {
    const login = new URL("/login", request.nextUrl);
    return NextResponse.redirect(login);
  }
  const response = NextResponse.next();
  if (pathname.startsWith("/embed/")) {
    response.headers.set("Content-Security-Policy", `frame-ancestors 'self' ${embedAncestors().join(" ")}`.trim());
  } else {
    response.headers.set("Content-Security-Policy", "frame-ancestors 'none'");
    response.headers.set("X-Frame-Options", "DENY");
  }
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  return response;
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
