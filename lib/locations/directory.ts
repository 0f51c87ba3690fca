import type { Env } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { createLeadConnectorClient, type LeadConnectorClient } from "@/lib/leadconnector/client";
import { sandboxExchange } from "@/lib/leadconnector/sandbox";
import { decryptToken, encryptToken, lastFour, parseKey, tokenFingerprint } from "@/lib/secrets/token-crypto";

/** The location id submissions carry when no LeadConnector account is configured. */
export const SANDBOX_LOCATION_ID = "sandbox";

export function isSandbox(env: Env) {
  return !env.LEADCONNECTOR_TOKEN;
}

export function defaultLocationId(env: Env) {
  return env.LEADCONNECTOR_TOKEN ? env.LEADCONNECTOR_LOCATION_ID! : SANDBOX_LOCATION_ID;
}

/** How to reach one location: its client, and a fingerprint of the token in use (to notice a new one). */
export type LocationAccess = { client: LeadConnectorClient; fingerprint: string };

export type LocationDirectory = { access(locationId: string): Promise<LocationAccess | null> };

/**
 * Finds each location's token: the default location's from the environment, others' from the
 * Location table (decrypted with TOKEN_ENCRYPTION_KEY). In sandbox mode every location is the sandbox.
 */
export function createLocationDirectory(db: Database, env: Env): LocationDirectory {
  const key = env.TOKEN_ENCRYPTION_KEY ? parseKey(env.TOKEN_ENCRYPTION_KEY) : null;
  const clientWith = (token: string) => createLeadConnectorClient({ baseUrl: env.LEADCONNECTOR_BASE_URL, token, timeoutMs: env.LEADCONNECTOR_TIMEOUT_MS });
  const sandbox = createLeadConnectorClient({
    baseUrl: "http://sandbox.invalid",
    token: "sandbox",
    timeoutMs: env.LEADCONNECTOR_TIMEOUT_MS,
    exchange: sandboxExchange,
  });

  return {
    async access(locationId) {
      if (isSandbox(env)) return { client: sandbox, fingerprint: "sandbox" };
      if (locationId === env.LEADCONNECTOR_LOCATION_ID)
        return { client: clientWith(env.LEADCONNECTOR_TOKEN!), fingerprint: tokenFingerprint(env.LEADCONNECTOR_TOKEN!) };
      const row = await db.location.findUnique({ where: { id: locationId }, select: { tokenCiphertext: true } });
      if (!row?.tokenCiphertext || !key) return null;
      const token = decryptToken(row.tokenCiphertext, key, locationId);
      return { client: clientWith(token), fingerprint: tokenFingerprint(token) };
    },
  };
}

/** Keeps a row for the default location so the dashboard can show it and deliveries to it can pause. */
export async function ensureDefaultLocation(db: Database, env: Env) {
  const id = defaultLocationId(env);
  const tokenLast4 = env.LEADCONNECTOR_TOKEN ? lastFour(env.LEADCONNECTOR_TOKEN) : null;
  await db.location.upsert({
    where: { id },
    create: { id, name: isSandbox(env) ? "Sandbox" : "Default location", tokenLast4 },
    update: { tokenLast4 },
  });
  // A new LEADCONNECTOR_TOKEN may carry the missing scope: the next lookup tells.
  if (env.LEADCONNECTOR_TOKEN) {
    await db.location.updateMany({ where: { id, degradedTokenFingerprint: { not: tokenFingerprint(env.LEADCONNECTOR_TOKEN) } }, data: NOT_DEGRADED });
  }
}

const NOT_DEGRADED = { degradedAt: null, degradedReason: null, degradedTokenFingerprint: null };

/** Locations whose stored token this process cannot decrypt because TOKEN_ENCRYPTION_KEY is not set. */
export async function storedTokensWithoutKey(db: Database, env: Env): Promise<number> {
  if (env.TOKEN_ENCRYPTION_KEY || isSandbox(env)) return 0;
  return db.location.count({ where: { tokenCiphertext: { not: null } } });
}

export class LocationError extends Error {}

/** Stores (or replaces) a location's token, encrypted; a new token also lifts a pause. */
export async function saveLocation(db: Database, env: Env, input: { id: string; name: string; token: string }) {
  const key = env.TOKEN_ENCRYPTION_KEY ? parseKey(env.TOKEN_ENCRYPTION_KEY) : null;
  if (!key) throw new LocationError("Set TOKEN_ENCRYPTION_KEY (32 bytes, base64 or hex) before storing tokens.");
  if (input.id === env.LEADCONNECTOR_LOCATION_ID) throw new LocationError("This location's token comes from LEADCONNECTOR_TOKEN; change it there.");
  const data = {
    name: input.name,
    tokenCiphertext: encryptToken(input.token, key, input.id),
    tokenLast4: lastFour(input.token),
    pausedAt: null,
    pauseReason: null,
    pausedTokenFingerprint: null,
    ...NOT_DEGRADED,
  };
  await db.location.upsert({ where: { id: input.id }, create: { id: input.id, ...data }, update: data });
}
