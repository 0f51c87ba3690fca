import { describe, expect, it } from "vitest";
import { readEnv, trustHost } from "@/lib/config/env";

describe("configuration", () => {
  it("has working defaults when nothing is set", () => {
    expect(readEnv({})).toMatchObject({
      LEADCONNECTOR_BASE_URL: "https://services.leadconnectorhq.com",
      LEADCONNECTOR_TIMEOUT_MS: 10_000,
      EMBED_ALLOWED_ORIGINS: [],
      PORT: 3000,
      DELIVERY_RATE_LIMIT: "on",
      DELIVERY_RATE_LIMIT_MAX: 100,
      DELIVERY_RATE_LIMIT_INTERVAL_MS: 10_000,
      DELIVERY_LEASE_MS: 60_000,
      SESSION_MAX_HOURS: 12,
      PRIVACY_NOTICE_URL: "/privacy",
    });
    expect(readEnv({ PRIVACY_NOTICE_URL: "https://example.com/legal/privacy" }).PRIVACY_NOTICE_URL).toBe("https://example.com/legal/privacy");
  });

  it("trusts the request's host in development, and in production only when told to or when AUTH_URL pins it", () => {
    expect(trustHost(readEnv({}), "development")).toBe(true);
    expect(trustHost(readEnv({}), "production")).toBe(false);
    expect(trustHost(readEnv({ AUTH_TRUST_HOST: "true" }), "production")).toBe(true);
    expect(trustHost(readEnv({ AUTH_URL: "https://leads.example.com" }), "production")).toBe(true);
    expect(trustHost(readEnv({ AUTH_TRUST_HOST: "false" }), "development")).toBe(false);
  });

  it("parses the embed origins list", () => {
    expect(readEnv({ EMBED_ALLOWED_ORIGINS: "https://a.example, http://127.0.0.2:8080" }).EMBED_ALLOWED_ORIGINS).toEqual([
      "https://a.example",
      "http://127.0.0.2:8080",
    ]);
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL must be a postgresql:// URL"],
    [{ LEADCONNECTOR_TOKEN: "pit-1234567890" }, "LEADCONNECTOR_LOCATION_ID is required when LEADCONNECTOR_TOKEN is set"],
    [{ EMBED_ALLOWED_ORIGINS: "https://a.example/page" }, 'EMBED_ALLOWED_ORIGINS "https://a.example/page": each entry must be an origin'],
    [{ PORT: "http" }, "PORT must be a whole number from 1 to 65535"],
    [{ DELIVERY_MAX_ATTEMPTS: "0" }, "DELIVERY_MAX_ATTEMPTS must be at least 1"],
    [{ DELIVERY_RATE_LIMIT: "maybe" }, 'DELIVERY_RATE_LIMIT must be "on" or "off"'],
    [{ DELIVERY_RATE_LIMIT_MAX: "lots" }, "DELIVERY_RATE_LIMIT_MAX must be a whole number from 1 to 100000"],
    [{ DELIVERY_LEASE_MS: "10" }, "DELIVERY_LEASE_MS must be at least 1000"],
    [{ DISPATCH_SECRET: "short" }, "DISPATCH_SECRET must be at least 32 characters"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET must be at least 32 characters"],
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN must be at least 32 characters"],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent"],
    [{ LEADCONNECTOR_BASE_URL: "ftp://x" }, "LEADCONNECTOR_BASE_URL"],
    [{ SESSION_MAX_HOURS: "0" }, "SESSION_MAX_HOURS must be at least 1"],
    [{ SESSION_MAX_HOURS: "eight" }, "SESSION_MAX_HOURS must be a whole number from 1 to 720"],
    [{ AUTH_TRUST_HOST: "yes" }, 'AUTH_TRUST_HOST must be "true" or "false"'],
    [{ AUTH_URL: "leads.example.com" }, "AUTH_URL must be the site's public URL"],
    [{ PRIVACY_NOTICE_URL: "http://example.com/privacy" }, "PRIVACY_NOTICE_URL must be an https URL or a path on this site"],
  ])("rejects %o naming the variable", (source, message) => {
    expect(() => readEnv(source)).toThrow(message);
  });
});
