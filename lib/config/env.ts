import { z } from "zod";
import { LOG_LEVELS } from "@/lib/log/log-levels";
import { parseKey } from "@/lib/secrets/token-crypto";
import { parsePartners } from "@/lib/partners/config";
import { isSitePathOrHttps } from "@/lib/net/http-url";

/** The site's own plain privacy notice (app/privacy, its text in content/), until PRIVACY_NOTICE_URL names another. */
export const DEFAULT_PRIVACY_NOTICE = "/privacy";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}, "each entry must be an origin such as https://partner.example (scheme, host and port only)");

const schema = z
  .object({
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")),
    LEADCONNECTOR_BASE_URL: optional(z.url({ protocol: /^https?$/ })).transform((v) => (v ?? "https://services.leadconnectorhq.com").replace(/\/+$/, "")),
    LEADCONNECTOR_TOKEN: optional(z.string().min(8, "looks too short to be a LeadConnector token")),
    LEADCONNECTOR_LOCATION_ID: optional(z.string().regex(/^[A-Za-z0-9_-]+$/, "must be a LeadConnector location id")),
    LEADCONNECTOR_TIMEOUT_MS: optional(int(100, 120_000)).transform((v) => v ?? 10_000),
    TOKEN_ENCRYPTION_KEY: optional(z.string().refine((v) => parseKey(v) !== null, "must be 32 bytes as base64 or hex (try: openssl rand -base64 32)")),
    DELIVERY_MAX_ATTEMPTS: optional(int(1, 100)).transform((v) => v ?? 10),
    DELIVERY_LEASE_MS: optional(int(1000, 3_600_000)).transform((v) => v ?? 60_000),
    DELIVERY_SHUTDOWN_GRACE_MS: optional(int(0, 600_000)).transform((v) => v ?? 15_000),
    DELIVERY_POLL_MS: optional(int(100, 600_000)).transform((v) => v ?? 1000),
    WEB_DELIVERY: optional(z.enum(["on", "off"], { error: 'must be "on" or "off"' })).transform((v) => v ?? "on"),
    DELIVERY_RATE_LIMIT: optional(z.enum(["on", "off"], { error: 'must be "on" or "off"' })).transform((v) => v ?? "on"),
    DELIVERY_RATE_LIMIT_MAX: optional(int(1, 100_000)).transform((v) => v ?? 100),
    DELIVERY_RATE_LIMIT_INTERVAL_MS: optional(int(100, 86_400_000)).transform((v) => v ?? 10_000),
    DISPATCH_SECRET: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)")),
    AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)")),
    AUTH_URL: optional(z.url({ protocol: /^https?$/, error: "must be the site's public URL, such as https://leads.example.com" })),
    AUTH_TRUST_HOST: optional(z.enum(["true", "false"], { error: 'must be "true" or "false"' })).transform((v) => (v === undefined ? undefined : v === "true")),
    SESSION_MAX_HOURS: optional(int(1, 720)).transform((v) => v ?? 12),
    ADMIN_EMAIL: optional(z.email()),
    ADMIN_PASSWORD: optional(z.string().min(12, "must be at least 12 characters")),
    EMBED_ALLOWED_ORIGINS: optional(z.string()).transform((v, ctx) => {
      const origins = (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      for (const o of origins) {
        const result = origin.safeParse(o);
        if (!result.success) ctx.addIssue({ code: "custom", message: `"${o}": ${result.error.issues[0].message}` });
      }
      return origins;
    }),
    EMBED_PARTNERS: optional(z.string()).transform((v, ctx) => {
      const result = parsePartners(v ?? "[]");
      if (!result.ok) ctx.addIssue({ code: "custom", message: result.message });
      return result.ok ? result.partners : [];
    }),
    FORM_MIN_FILL_SECONDS: optional(int(0, 600)).transform((v) => v ?? 3),
    RETENTION_DAYS: optional(int(0, 3650)).transform((v) => v ?? 90),
    PRIVACY_HASH_KEY: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)")),
    PRIVACY_NOTICE_URL: optional(
      z.string().refine(isSitePathOrHttps, "must be an https URL or a path on this site, like /privacy (the privacy notice every form links to)"),
    ).transform((v) => v ?? DEFAULT_PRIVACY_NOTICE),
    HELD_RETENTION_DAYS: optional(int(0, 3650)).transform((v) => v ?? 30),
    SUBMISSION_LIMIT_PER_IP: optional(int(0, 1_000_000)).transform((v) => v ?? 30),
    SUBMISSION_LIMIT_PER_FORM: optional(int(0, 10_000_000)).transform((v) => v ?? 1000),
    METRICS_TOKEN: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)")),
    LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })).transform((v) => v ?? "info"),
    PORT: optional(int(1, 65535)).transform((v) => v ?? 3000),
    TRUSTED_PROXY_HOPS: optional(int(0, 10)).transform((v) => v ?? 0),
  })
  .superRefine((env, ctx) => {
    if (env.LEADCONNECTOR_TOKEN && !env.LEADCONNECTOR_LOCATION_ID) {
      ctx.addIssue({ code: "custom", path: ["LEADCONNECTOR_LOCATION_ID"], message: "is required when LEADCONNECTOR_TOKEN is set" });
    }
    if (env.ADMIN_PASSWORD && !env.ADMIN_EMAIL) {
      ctx.addIssue({ code: "custom", path: ["ADMIN_EMAIL"], message: "is required when ADMIN_PASSWORD is set" });
    }
  });

export type Env = z.output<typeof schema>;

/**
 * Whether Auth.js may build its URLs from the request's Host / X-Forwarded-Host. An explicit AUTH_TRUST_HOST
 * wins; otherwise yes in development, and in production only with AUTH_URL set (then the host is pinned anyway).
 */
export function trustHost(config: Pick<Env, "AUTH_TRUST_HOST" | "AUTH_URL">, nodeEnv = process.env.NODE_ENV): boolean {
  return config.AUTH_TRUST_HOST ?? (nodeEnv !== "production" || config.AUTH_URL !== undefined);
}

/** Every variable the configuration reads: README's table and .env.example are checked against it. */
export const ENV_VARIABLES = Object.keys(schema.shape);

export class ConfigError extends Error {}

/** Reads and checks the environment; a bad value throws a ConfigError naming the variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${String(issue.path[0] ?? "")} ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

let cached: Env | undefined;
/** The process's configuration, checked once. */
export function env(): Env {
  return (cached ??= readEnv());
}
