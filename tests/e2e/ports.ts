// Where the browser-test stack listens. Shared by playwright.config.ts, serve.ts and the specs, so
// one env var (E2E_PORT_BASE, default 3200) moves all of it, e.g. to run two checkouts side by side.
import os from "node:os";
import path from "node:path";

const base = Number(process.env.E2E_PORT_BASE ?? 3200);
if (!Number.isInteger(base) || base < 1024 || base > 65530) {
  throw new Error(`E2E_PORT_BASE must be a port number between 1024 and 65530, not "${process.env.E2E_PORT_BASE}"`);
}

export const ports = {
  /** `next start` */
  app: base,
  /** The fake LeadConnector (support/fake-leadconnector/server.ts) */
  fake: base + 1,
  /** The partner site that frames /embed/contact, on 127.0.0.2 (allowed) and 127.0.0.3 (not allowed) */
  partner: base + 2,
  /** The embedded PostgreSQL */
  postgres: base + 3,
  /** A second web process on the same database, reached directly: TRUSTED_PROXY_HOPS=0, so X-Forwarded-For is ignored */
  direct: base + 4,
};

export const appUrl = `http://localhost:${ports.app}`;
export const directUrl = `http://127.0.0.1:${ports.direct}`;
export const fakeUrl = `http://127.0.0.1:${ports.fake}`;
/** A different origin from `localhost` in the browser, though the same machine. */
export const ALLOWED_PARTNER_HOST = "127.0.0.2";
export const BLOCKED_PARTNER_HOST = "127.0.0.3";
export const partnerUrl = (host: string) => `http://${host}:${ports.partner}`;

export const FAKE_TOKEN = "e2e-token";
/** The app's AUTH_SECRET: a test may sign form tokens with it, as a page render does. */
export const AUTH_SECRET = "e2e-auth-secret-not-for-production-0123456789";
export const DISPATCH_SECRET = "e2e-dispatch-secret-not-for-production-0123";
export const METRICS_TOKEN = "e2e-metrics-token-not-for-production-456789";
export const LOCATION_ID = "e2e-location";
/** SUBMISSION_LIMIT_PER_IP for the suite: low, so a test can trip it; each test has its own address. */
export const LIMIT_PER_IP = 4;
/** The partner EMBED_PARTNERS configures, allowed to frame forms only from ALLOWED_PARTNER_HOST. */
export const PARTNER_ID = "acme";
export const PARTNER_TAG = "partner:acme-realty";
export const ADMIN = { email: "e2e-admin@leadrelay.test", password: "e2e-admin-password-0123" };

/** serve.ts writes what the specs need to reach directly (the database URL) here; keyed by port, so runs on other bases do not collide. */
export const serverInfoFile = path.join(os.tmpdir(), `leadrelay-e2e-${ports.app}.json`);
export type ServerInfo = { databaseUrl: string; appUrl: string; fakeUrl: string; pid: number };
