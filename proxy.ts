import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { parsePartners } from "@/lib/partners/config";

const { auth } = NextAuth(authConfig);

/**
 * Origins allowed to frame an /embed/* page: the named partner's, or EMBED_ALLOWED_ORIGINS when no
 * partner is named. Read from the environment (checked at start-up), so a restart changes them.
 */
function embedAncestors(partnerId: string | null) {
  if (partnerId) {
    const partners = parsePartners(process.env.EMBED_PARTNERS || "[]");
    return (partners.ok && partners.partners.find((p) => p.id === partnerId)?.origins) || [];
  }
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
    response.headers.set("Content-Security-Policy", `frame-ancestors 'self' ${embedAncestors(request.nextUrl.searchParams.get("partner")).join(" ")}`.trim());
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
