import { randomBytes } from "node:crypto";
import { DOCUMENTED_PROPERTIES } from "./contract";
import type { Exchange, ExchangeAnswer } from "./exchange";

type SandboxContact = { id: string; locationId: string; email?: string; phone?: string; tags: string[] };
const contacts: SandboxContact[] = [];

/**
 * An in-process stand-in for LeadConnector, used when no token is configured. It answers the
 * calls LeadConnector makes here as the real API does: create (201, or 422 for unknown properties),
 * duplicate search, add tags, and delete (404 for a contact it does not hold, such as one created
 * before this process started). Like a new location, it allows duplicate contacts.
 */
export const sandboxExchange: Exchange = async (request) => {
  const url = new URL(request.url);
  const { method } = request;
  if (method === "POST" && url.pathname === "/contacts/") {
    const body = JSON.parse(request.body ?? "{}") as Record<string, unknown>;
    const unknown = Object.keys(body).filter((key) => !DOCUMENTED_PROPERTIES.has(key));
    if (unknown.length > 0) return unprocessable(unknown.map((key) => `property ${key} should not exist`));
    if (!body.locationId) return unprocessable(["locationId should not be empty"]);
    const contact = {
      id: `sandbox_${randomBytes(10).toString("base64url")}`,
      locationId: String(body.locationId),
      email: body.email as string | undefined,
      phone: body.phone as string | undefined,
      tags: (body.tags as string[]) ?? [],
    };
    contacts.push(contact);
    return json({ contact: { ...body, ...contact, dateAdded: new Date().toISOString() } }, { status: 201 });
  }
  if (method === "GET" && url.pathname === "/contacts/search/duplicate") {
    const email = url.searchParams.get("email");
    const number = url.searchParams.get("number");
    const found = contacts.find((c) => c.locationId === url.searchParams.get("locationId") && ((email && c.email === email) || (number && c.phone === number)));
    return json({ contact: found ?? null });
  }
  const tagsPath = url.pathname.match(/^\/contacts\/([^/]+)\/tags$/);
  if (method === "POST" && tagsPath) {
    const contact = contacts.find((c) => c.id === decodeURIComponent(tagsPath[1]));
    if (!contact) return json({ statusCode: 400, message: "Contact not found" }, { status: 400 });
    const tags = (JSON.parse(request.body ?? "{}") as { tags?: string[] }).tags ?? [];
    contact.tags = [...new Set([...contact.tags, ...tags])];
    return json({ tags: contact.tags }, { status: 201 });
  }
  const contactPath = url.pathname.match(/^\/contacts\/([^/]+)$/);
  if (method === "DELETE" && contactPath) {
    const index = contacts.findIndex((c) => c.id === decodeURIComponent(contactPath[1]));
    if (index < 0) return json({ statusCode: 404, message: "Contact not found" }, { status: 404 });
    contacts.splice(index, 1);
    return json({ succeded: true });
  }
  return json({ statusCode: 404, message: `Cannot ${method} ${url.pathname}` }, { status: 404 });
};

function json(body: unknown, { status = 200 } = {}): ExchangeAnswer {
  return { status, headers: new Headers({ "content-type": "application/json" }), body: JSON.stringify(body) };
}

function unprocessable(message: string[]) {
  return json({ statusCode: 422, message, error: "Unprocessable Entity" }, { status: 422 });
}
