import type { Env } from "@/lib/config/env";
import { createLeadConnectorClient, type LeadConnectorClient } from "./client";
import { sandboxFetch } from "./sandbox";

/** The location id submissions carry when no LeadConnector account is configured. */
export const SANDBOX_LOCATION_ID = "sandbox";

export function isSandbox(env: Env) {
  return !env.LEADCONNECTOR_TOKEN;
}

export function defaultLocationId(env: Env) {
  return env.LEADCONNECTOR_TOKEN ? env.LEADCONNECTOR_LOCATION_ID! : SANDBOX_LOCATION_ID;
}

/** The client for the configured location: the real API with its token, or the sandbox. */
export function leadConnectorClient(env: Env): LeadConnectorClient {
  if (!env.LEADCONNECTOR_TOKEN) {
    return createLeadConnectorClient({ baseUrl: env.LEADCONNECTOR_BASE_URL, token: "sandbox", timeoutMs: env.LEADCONNECTOR_TIMEOUT_MS, fetch: sandboxFetch });
  }
  return createLeadConnectorClient({ baseUrl: env.LEADCONNECTOR_BASE_URL, token: env.LEADCONNECTOR_TOKEN, timeoutMs: env.LEADCONNECTOR_TIMEOUT_MS });
}
