import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "@/lib/net/client-address";

const request = (socket: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: socket }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } }) as Parameters<
    typeof resolveClientAddress
  >[0];

describe("the client's address", () => {
  it.each([
    ["no proxy: the TCP peer, whatever X-Forwarded-For says", 0, "203.0.113.9", "198.51.100.1, 198.51.100.2", "203.0.113.9"],
    ["no proxy and no header", 0, "203.0.113.9", undefined, "203.0.113.9"],
    ["one proxy: the right-most entry, the one our proxy added", 1, "10.0.0.2", "6.6.6.6, 198.51.100.7", "198.51.100.7"],
    ["one proxy, but the request came direct without a header: the peer", 1, "203.0.113.9", undefined, "203.0.113.9"],
    ["two proxies (CDN, then load balancer): the second entry from the right", 2, "10.0.0.2", "6.6.6.6, 198.51.100.7, 192.0.2.30", "198.51.100.7"],
    ["two proxies, a chain shorter than two: its left-most entry", 2, "10.0.0.2", "198.51.100.7", "198.51.100.7"],
    ["an IPv4 peer on a dual-stack socket", 0, "::ffff:127.0.0.1", undefined, "127.0.0.1"],
    ["an IPv6 peer", 0, "2001:db8::1", undefined, "2001:db8::1"],
  ])("%s", (_, hops, socket, forwardedFor, expected) => {
    expect(resolveClientAddress(request(socket, forwardedFor), hops)).toBe(expected);
  });
});
