import type { LeadConnectorCall } from "@/lib/leadconnector/client";
import type { AnswerHeaders } from "@/lib/leadconnector/exchange";

/** What one LeadConnector answer means, whatever the call. */
export type Answer =
  | { kind: "ok"; json: Record<string, unknown> }
  /** The location refuses duplicates and names the contact that already exists. */
  | { kind: "duplicate"; contactId: string }
  /** Worth trying again; rate limiting says nothing about the submission, so it does not count. */
  | { kind: "retry"; reason: string; countsTowardLimit: boolean; retryAfterMs?: number }
  /** The token or its scope was refused: no submission of this location can succeed until it is fixed. */
  | { kind: "unauthorized"; reason: string }
  | { kind: "rejected"; reason: string };

export function interpret(call: LeadConnectorCall): Answer {
  if (call.kind === "timeout") return { kind: "retry", reason: call.error, countsTowardLimit: true };
  if (call.kind === "network") return { kind: "retry", reason: `Network error: ${call.error}`, countsTowardLimit: true };

  const body = (call.json ?? {}) as { message?: unknown; meta?: { contactId?: unknown } };
  if (call.status >= 200 && call.status < 300) return { kind: "ok", json: (call.json ?? {}) as Record<string, unknown> };
  if (call.status === 400 && typeof body.meta?.contactId === "string") return { kind: "duplicate", contactId: body.meta.contactId };
  const reason = `HTTP ${call.status}: ${upstreamMessage(body.message) ?? (call.body.slice(0, 200) || "no message")}`;
  if (call.status === 401 || call.status === 403) return { kind: "unauthorized", reason };
  if (call.status === 429) return { kind: "retry", reason, countsTowardLimit: false, retryAfterMs: rateLimitWaitMs(call.headers) };
  if (call.status >= 500 || call.status === 408) return { kind: "retry", reason, countsTowardLimit: true };
  return { kind: "rejected", reason };
}

function upstreamMessage(message: unknown): string | undefined {
  if (typeof message === "string") return message;
  if (Array.isArray(message)) return message.map(String).join("; ");
  return undefined;
}

/** LeadConnector documents no Retry-After; its burst window is the safe wait when the budget is spent. */
function rateLimitWaitMs(headers: AnswerHeaders): number {
  const retryAfter = Number(headers.get("retry-after"));
  if (retryAfter > 0) return retryAfter * 1000;
  const interval = Number(headers.get("x-ratelimit-interval-milliseconds"));
  return interval > 0 ? interval : 10_000;
}
