import { randomBytes } from "node:crypto";
import { CONTACT_FIELDS } from "./contact";

const KNOWN = new Set<string>([...CONTACT_FIELDS, "locationId", "source", "tags", "dnd", "dndSettings", "inboundDndSettings", "customFields", "assignedTo"]);

/**
 * An in-process stand-in for LeadConnector, used when no token is configured: it answers
 * `POST /contacts/` as the real API does (201 with a contact id, 422 for unknown properties).
 */
export const sandboxFetch: typeof fetch = async (_input, init) => {
  const body = JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>;
  const unknown = Object.keys(body).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) {
    return Response.json(
      { statusCode: 422, message: unknown.map((key) => `property ${key} should not exist`), error: "Unprocessable Entity" },
      { status: 422 },
    );
  }
  if (!body.locationId) return Response.json({ statusCode: 422, message: ["locationId should not be empty"], error: "Unprocessable Entity" }, { status: 422 });
  const now = new Date().toISOString();
  return Response.json({ contact: { id: `sandbox_${randomBytes(10).toString("base64url")}`, dateAdded: now, ...body } }, { status: 201 });
};
