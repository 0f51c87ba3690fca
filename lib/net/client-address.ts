import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

/** Set by LeadRelay's web server on every request, after deleting any copy the client sent. */
export const CLIENT_ADDRESS_HEADER = "x-leadrelay-client-address";

/**
 * The client's address as seen through `trustedHops` reverse proxies: 0 takes the TCP peer and ignores
 * X-Forwarded-For (a client chooses that header); N takes the Nth entry from the right, the one the
 * outermost trusted proxy saw. A chain shorter than N yields its left-most entry, as Express does.
 */
export function resolveClientAddress(request: Pick<IncomingMessage, "headers" | "socket">, trustedHops: number): string {
  const address = proxyaddr(request as IncomingMessage, (_address, hop) => hop < trustedHops);
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address || "unknown";
}

/** The visitor's address as the web server established it; per-address limits use nothing else. */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
