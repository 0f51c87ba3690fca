import { describe, expect, it } from "vitest";
import type { LeadConnectorCall } from "@/lib/leadconnector/client";
import { RETRY_SCHEDULE_MS, retryDelayMs } from "@/lib/outbox/backoff";
import { interpret } from "@/lib/outbox/outcome";

const request = { method: "POST", url: "http://x/contacts/", body: {} };
const response = (status: number, json: unknown, headers: Record<string, string> = {}): LeadConnectorCall => ({
  kind: "response",
  request,
  durationMs: 5,
  status,
  headers: new Headers(headers),
  body: JSON.stringify(json),
  json,
});

describe("what LeadConnector's answer means for a submission", () => {
  it.each([
    ["201 with a contact", response(201, { contact: { id: "c1" } }), { kind: "ok", json: { contact: { id: "c1" } } }],
    [
      "a duplicate refusal naming the contact",
      response(400, { statusCode: 400, message: "This location does not allow duplicated contacts.", meta: { contactId: "c9" } }),
      { kind: "duplicate", contactId: "c9" },
    ],
    ["another 400", response(400, { statusCode: 400, message: "Bad phone" }), { kind: "rejected", reason: "HTTP 400: Bad phone" }],
    ["a 422 with a list of messages", response(422, { statusCode: 422, message: ["a", "b"] }), { kind: "rejected", reason: "HTTP 422: a; b" }],
    ["a 401", response(401, { statusCode: 401, message: "Invalid JWT" }), { kind: "unauthorized", reason: "HTTP 401: Invalid JWT" }],
    ["a 403", response(403, { statusCode: 403, message: "The token does not have access to this location." }), { kind: "unauthorized" }],
    ["a 500", response(500, { message: "oops" }), { kind: "retry", reason: "HTTP 500: oops", countsTowardLimit: true }],
    ["a 429", response(429, {}, { "x-ratelimit-interval-milliseconds": "10000" }), { kind: "retry", countsTowardLimit: false, retryAfterMs: 10_000 }],
    [
      "a timeout",
      { kind: "timeout", request, durationMs: 10_000, error: "No answer within 10000 ms" } as LeadConnectorCall,
      { kind: "retry", countsTowardLimit: true },
    ],
    [
      "a network error",
      { kind: "network", request, durationMs: 3, error: "ECONNREFUSED" } as LeadConnectorCall,
      { kind: "retry", reason: "Network error: ECONNREFUSED" },
    ],
  ])("%s", (_, call, expected) => {
    expect(interpret(call)).toMatchObject(expected);
  });
});

describe("retry delays", () => {
  it("grow along the schedule with full jitter, never under a second", () => {
    expect(retryDelayMs(1, () => 1)).toBe(10_000);
    expect(retryDelayMs(2, () => 1)).toBe(30_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(1, () => 0)).toBe(1000);
    expect(retryDelayMs(50, () => 1)).toBe(RETRY_SCHEDULE_MS.at(-1));
  });
});
