import { describe, expect, it } from "vitest";
import type { LeadConnectorCall } from "@/lib/leadconnector/client";
import { interpretDeletion } from "@/lib/privacy/upstream";

const request = { method: "DELETE", url: "http://x/contacts/c1" };
const response = (status: number, json: unknown): LeadConnectorCall => ({
  kind: "response",
  request,
  durationMs: 5,
  status,
  headers: new Headers(),
  body: JSON.stringify(json),
  json,
});

describe("what LeadConnector's answer to DELETE /contacts/{id} means for an erasure", () => {
  it.each([
    ["200 (their spelling)", response(200, { succeded: true }), { kind: "deleted" }],
    ["404 for a contact it no longer holds", response(404, { statusCode: 404, message: "Contact not found" }), { kind: "gone" }],
    ["400 saying the contact does not exist", response(400, { statusCode: 400, message: "Contact not found" }), { kind: "gone" }],
    [
      "401: the token lacks the scope",
      response(401, { statusCode: 401, message: "The token is not authorized for this scope." }),
      { kind: "refused", reason: "the token lacks contacts.write for this location (HTTP 401: The token is not authorized for this scope.)" },
    ],
    [
      "403: the token is another location's",
      response(403, { statusCode: 403, message: "The token does not have access to this location." }),
      { kind: "refused", reason: expect.stringContaining("the token lacks contacts.write") },
    ],
    ["another 400", response(400, { statusCode: 400, message: "Bad id" }), { kind: "refused", reason: "HTTP 400: Bad id" }],
    ["a 422", response(422, { statusCode: 422, message: ["contactId must be a string"] }), { kind: "refused", reason: "HTTP 422: contactId must be a string" }],
    ["a 429", response(429, { message: "Too many requests" }), { kind: "failed", reason: "HTTP 429: Too many requests; try again later" }],
    ["a 500", response(500, { message: "oops" }), { kind: "failed", reason: "HTTP 500: oops; try again later" }],
    [
      "a 404 for a path the server does not serve (a wrong base URL), which proves nothing",
      response(404, { statusCode: 404, message: "Cannot DELETE /v1/contacts/c1" }),
      { kind: "refused", reason: "HTTP 404: Cannot DELETE /v1/contacts/c1" },
    ],
    [
      "a timeout",
      { kind: "timeout", request, durationMs: 10_000, error: "No answer within 10000 ms" } as LeadConnectorCall,
      { kind: "failed", reason: "No answer within 10000 ms; try again later" },
    ],
    [
      "a network error",
      { kind: "network", request, durationMs: 3, error: "ECONNREFUSED" } as LeadConnectorCall,
      { kind: "failed", reason: "Network error: ECONNREFUSED; try again later" },
    ],
  ])("%s", (_name, call, expected) => {
    expect(interpretDeletion(call)).toEqual(expected);
  });
});
