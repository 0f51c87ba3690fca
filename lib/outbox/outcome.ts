import type { LeadConnectorCall } from "@/lib/leadconnector/client";

export type DeliveryOutcome =
  | { kind: "delivered"; contactId: string | null; existing: boolean }
  /** Worth trying again; `countsTowardLimit` is false for rate limiting, which says nothing about the submission. */
  | { kind: "retry"; reason: string; countsTowardLimit: boolean; retryAfterMs?: number }
  | { kind: "failed"; reason: string };

/** Decides what LeadConnector's answer means for the submission. */
export function classifyCall(call: LeadConnectorCall): DeliveryOutcome {
  if (call.kind === "timeout") return { kind: "retry", reason: call.error, countsTowardLimit: true };
  if (call.kind === "network") return { kind: "retry", reason: `Network error: ${call.error}`, countsTowardLimit: true };

  const body = (call.json ?? {}) as { contact?: { id?: string }; message?: unknown; meta?: { contactId?: string } };
  if (call.status >= 200 && call.status < 300) return { kind: "delivered", contactId: body.contact?.id ?? null, existing: false };
  if (call.status === 400 && typeof body.meta?.contactId === "string") {
    // The location refuses duplicates and names the contact that already exists: the lead is there.
    return { kind: "delivered", contactId: body.meta.contactId, existing: true };
  }
  const reason = `HTTP ${call.status}: ${upstreamMessage(body.message) ?? (call.body.slice(0, 200) || "no message")}`;
  if (call.status === 429) return { kind: "retry", reason, countsTowardLimit: false, retryAfterMs: rateLimitWaitMs(call.headers) };
  if (call.status >= 500 || call.status === 408) return { kind: "retry", reason, countsTowardLimit: true };
  return { kind: "failed", reason };
}

function upstreamMessage(message: unknown): string | undefined {
  if (typeof message === "string") return message;
  if (Array.isArray(message)) return message.map(String).join("; ");
  return undefined;
}

/** LeadConnector documents no Retry-After; its burst window is the safe wait when the budget is spent. */
function rateLimitWaitMs(headers: Headers): number {
  const retryAfter = Number(headers.get("retry-after"));
  if (retryAfter > 0) return retryAfter * 1000;
  const interval = Number(headers.get("x-ratelimit-interval-milliseconds"));
  return interval > 0 ? interval : 10_000;
}
