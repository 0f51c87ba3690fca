import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { parsePartners } from "@/lib/partners/config";
import { framingOrigins } from "@/lib/partners/framing";

const { auth } = NextAuth(authConfig);

/** Who may frame an /embed/* page, from the environment (checked at start-up), so a restart changes it. */
function embedAncestors(partnerId: string | null) {
  const partners = parsePartners(process.env.EMBED_PARTNERS || "[]");
  const allowedOrigins = (process.env.EMBED_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return framingOrigins({ partners: partners.ok ? partners.partners : [], allowedOrigins }, partnerId);
}

/** Scripts run only with this request's nonce (Next adds it to its own), or when loaded by one that has it. */
function contentSecurityPolicy(nonce: string, frameAncestors: string) {
  const dev = process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""; // React's dev tooling evaluates code
  return `script-src 'nonce-${nonce}' 'strict-dynamic'${dev}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ${frameAncestors}`;
}

/** Every response: a nonce-based CSP, framing rules (partners may frame embeds), and no powerful features. */
function secured(request: NextRequest, respond: (headers: Headers) => Response): Response {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const { pathname, searchParams } = request.nextUrl;
  const embed = pathname.startsWith("/embed/");
  const policy = contentSecurityPolicy(nonce, embed ? `'self' ${embedAncestors(searchParams.get("partner")).join(" ")}`.trim() : "'none'");
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = respond(requestHeaders);
  response.headers.set("Content-Security-Policy", policy);
  if (!embed) response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  if (request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

/** Auth.js's session cookie, plain or __Secure- (https), whole or in chunks (`.0`, `.1`, …). */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const hasSessionCookie = (request: NextRequest) => request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));

const next = (headers: Headers) => NextResponse.next({ request: { headers } });

// Only dashboard requests read (and so may renew) the session cookie: public pages never set one.
const dashboardGate = auth((request) =>
  secured(request, (headers) => (request.auth?.user ? next(headers) : NextResponse.redirect(new URL("/login", request.nextUrl)))),
);

/**
 * The request gate: security headers on every page and a sign-in redirect for the dashboard.
 * It is a convenience, not the protection: dashboard pages and actions check the session themselves.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/dashboard")) {
    // Without a session cookie there is nothing to read: Auth.js is not run, so it sets no CSRF or callback cookie.
    if (!hasSessionCookie(request)) return secured(request, () => NextResponse.redirect(new URL("/login", request.nextUrl)));
    return dashboardGate(request, { params: Promise.resolve({}) });
  }
  return secured(request, next);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
