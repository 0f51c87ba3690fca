import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake received, as it arrived on the wire. */
export type ReceivedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  receivedAt: number;
  status?: number;
  overLimit?: boolean;
};

/**
 * A scripted answer: a status and JSON body, optionally after a delay; a dropped connection; or, for
 * creates, a contact really created before the connection is dropped (the lost-response case).
 */
export type FakeAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { drop: true }
  | { createThenDrop: true }
  /** Creates the contact, then holds the answer this long (a worker killed meanwhile never hears of it). */
  | { createThenDelayMs: number };

/** LeadConnector's burst limit, enforced over a sliding window per token (one token = one app on one location). */
export type RateLimit = { max: number; intervalMs: number };

/**
 * An unreliable upstream: each call (not scripted, not over the limit) gets one of these instead of the normal
 * answer, with these probabilities (0 to 1): a 503, a 429, a connection dropped before anything happens, or a
 * contact created and then the connection dropped (the lost-response case).
 */
export type Flakiness = { serverError?: number; tooMany?: number; drop?: number; createThenDrop?: number };

/** The calls the fake serves, each with its own script. */
export type Route = "create" | "lookup" | "tags" | "delete" | "customFields";

/** A custom field as `GET /locations/{id}/customFields` lists it. */
export type FakeCustomField = { id: string; name: string; fieldKey: string; dataType: string };

type Contact = { id: string; body: Record<string, unknown>; tags: string[] };

export type FakeLeadConnector = Awaited<ReturnType<typeof startFakeLeadConnector>>;

const VERSION = "2021-07-28";

/**
 * A fake LeadConnector: a real HTTP server on loopback that answers `POST /contacts/` like the API
 * (201 with a contact, 401 on a wrong token, 400 on a wrong Version), or with answers a test scripts.
 * Playwright tests, which run it in another process, drive it over `/__fake/*`.
 */
export async function startFakeLeadConnector({
  port = 0,
  host = "127.0.0.1",
  token = "test-token",
  otherTokens = [] as string[],
  allowDuplicates = true,
  rateLimit = null as RateLimit | null,
  dailyLimit = null as number | null,
} = {}) {
  const tokens = new Set([token, ...otherTokens]);
  const requests: ReceivedRequest[] = [];
  const contacts: Contact[] = [];
  const scripted: Record<Route, FakeAnswer[]> = { create: [], lookup: [], tags: [], delete: [], customFields: [] };
  let standing: FakeAnswer | null = null;
  const settings = {
    allowDuplicates,
    rateLimit,
    dailyLimit,
    latencyMs: 0,
    lookupRefusal: null as 401 | 403 | null,
    flaky: null as Flakiness | null,
    /** Each location's contact custom fields; a location not named has none. */
    customFields: {} as Record<string, FakeCustomField[]>,
  };
  const recentCalls = new Map<string, number[]>();
  /** Calls counted against the daily limit today, per token; `newDay()` starts the next day. */
  const callsToday = new Map<string, number>();

  /** The X-RateLimit-* headers for this call, and whether it is over the limit (rejected calls do not count). */
  function rateLimitFor(bearer: string, now: number): { headers: Record<string, string>; over: boolean } {
    const daily = dailyLimitFor(bearer);
    if (daily.over) return daily;
    const burst = burstLimitFor(bearer, now);
    if (!burst.over && settings.dailyLimit !== null) callsToday.set(bearer, (callsToday.get(bearer) ?? 0) + 1);
    return { headers: { ...burst.headers, ...dailyLimitFor(bearer).headers }, over: burst.over };
  }

  /** The daily headers as LeadConnector names them; over the limit every call is answered 429. */
  function dailyLimitFor(bearer: string): { headers: Record<string, string>; over: boolean } {
    if (settings.dailyLimit === null) return { headers: {}, over: false };
    const used = callsToday.get(bearer) ?? 0;
    const headers = { "x-ratelimit-limit-daily": String(settings.dailyLimit), "x-ratelimit-daily-remaining": String(Math.max(0, settings.dailyLimit - used)) };
    return { headers, over: used >= settings.dailyLimit };
  }

  function burstLimitFor(bearer: string, now: number): { headers: Record<string, string>; over: boolean } {
    if (!settings.rateLimit) return { headers: {}, over: false };
    const { max, intervalMs } = settings.rateLimit;
    const recent = (recentCalls.get(bearer) ?? []).filter((t) => t > now - intervalMs);
    const over = recent.length >= max;
    if (!over) recent.push(now);
    recentCalls.set(bearer, recent);
    const headers = {
      "x-ratelimit-max": String(max),
      "x-ratelimit-interval-milliseconds": String(intervalMs),
      "x-ratelimit-remaining": String(Math.max(0, max - recent.length)),
    };
    return { headers, over };
  }

  const findContact = (locationId: unknown, email: unknown, phone: unknown) =>
    contacts.find((c) => c.body.locationId === locationId && ((email && c.body.email === email) || (phone && c.body.phone === phone)));

  function createContact(body: Record<string, unknown>): FakeAnswer {
    const existing = settings.allowDuplicates ? undefined : findContact(body.locationId, body.email, body.phone);
    if (existing) {
      const matchingField = existing.body.email === body.email ? "email" : "phone";
      return {
        status: 400,
        body: {
          statusCode: 400,
          message: "This location does not allow duplicated contacts.",
          meta: { contactId: existing.id, contactName: String(existing.body.firstName ?? ""), matchingField },
        },
      };
    }
    const contact: Contact = { id: randomBytes(10).toString("base64url"), body, tags: (body.tags as string[]) ?? [] };
    contacts.push(contact);
    return { status: 201, body: { contact: { id: contact.id, ...body } } };
  }

  /** `DELETE /contacts/{id}`: LeadConnector's 200 (their spelling), or 404 for an id it does not hold. */
  function deleteContact(url: URL): FakeAnswer {
    const index = contacts.findIndex((c) => url.pathname === `/contacts/${c.id}`);
    if (index < 0) return { status: 404, body: { statusCode: 404, message: "Contact not found" } };
    contacts.splice(index, 1);
    return { status: 200, body: { succeded: true } };
  }

  /** A roll of the dice when the upstream is flaky: null for the normal answer. */
  function flakyAnswer(route: Route): FakeAnswer | null {
    const flaky = settings.flaky;
    if (!flaky) return null;
    let roll = Math.random();
    const pick = (p = 0) => (roll -= p) < 0;
    if (pick(flaky.serverError)) return { status: 503, body: { statusCode: 503, message: "Service Unavailable" } };
    if (pick(flaky.tooMany)) return { status: 429, body: { statusCode: 429, message: "Too many requests" }, headers: { "retry-after": "1" } };
    if (pick(flaky.drop)) return { drop: true };
    if (route === "create" && pick(flaky.createThenDrop)) return { createThenDrop: true };
    return null;
  }

  /** The API's own behaviour for each route, unless the test scripted an answer. */
  function answer(route: Route, url: URL, body: Record<string, unknown>, headers: IncomingHttpHeaders): FakeAnswer {
    if (!tokens.has(String(headers.authorization).replace(/^Bearer /, "")))
      return { status: 401, body: { statusCode: 401, message: "Invalid JWT", error: "Unauthorized" } };
    if (headers.version !== VERSION) return { status: 400, body: { statusCode: 400, message: "version header was not found" } };
    // A token without the contacts.readonly scope: it may create, never search.
    if (route === "lookup" && settings.lookupRefusal) {
      return { status: settings.lookupRefusal, body: { statusCode: settings.lookupRefusal, message: "The token is not authorized for this scope." } };
    }
    const next = scripted[route].shift() ?? (route === "create" ? standing : null) ?? flakyAnswer(route);
    if (next && "createThenDrop" in next) {
      createContact(body);
      return { drop: true };
    }
    if (next && "createThenDelayMs" in next) return { ...(createContact(body) as { status: number; body: unknown }), delayMs: next.createThenDelayMs };
    if (next) return next;
    if (route === "create") return createContact(body);
    if (route === "delete") return deleteContact(url);
    if (route === "customFields") {
      const locationId = decodeURIComponent(url.pathname.split("/")[2]);
      const fields = (settings.customFields[locationId] ?? []).map((field) => ({ ...field, locationId, model: "contact", position: 0 }));
      return { status: 200, body: { customFields: fields } };
    }
    if (route === "lookup") {
      const found = findContact(url.searchParams.get("locationId"), url.searchParams.get("email"), url.searchParams.get("number"));
      return { status: 200, body: { contact: found ? { id: found.id, ...found.body, tags: found.tags } : null } };
    }
    const contact = contacts.find((c) => url.pathname === `/contacts/${c.id}/tags`);
    if (!contact) return { status: 400, body: { statusCode: 400, message: "Contact not found" } };
    contact.tags = [...new Set([...contact.tags, ...((body.tags as string[]) ?? [])])];
    return { status: 201, body: { tags: contact.tags } };
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = raw ? safeJson(raw) : undefined;
    const url = new URL(req.url ?? "/", "http://fake");
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };

    if (url.pathname.startsWith("/__fake/")) {
      if (req.method === "GET" && url.pathname === "/__fake/requests") return send(200, requests);
      if (req.method === "GET" && url.pathname === "/__fake/contacts") return send(200, contacts);
      if (req.method === "POST" && url.pathname === "/__fake/script") {
        scripted[(url.searchParams.get("route") as Route | null) ?? "create"].push(...(body as FakeAnswer[]));
        return send(204, null);
      }
      if (req.method === "POST" && url.pathname === "/__fake/standing") {
        standing = (body as FakeAnswer | null) ?? null;
        return send(204, null);
      }
      if (req.method === "POST" && url.pathname === "/__fake/settings") {
        Object.assign(settings, body as Partial<typeof settings>);
        return send(204, null);
      }
      if (req.method === "POST" && url.pathname === "/__fake/new-day") {
        callsToday.clear();
        return send(204, null);
      }
      if (req.method === "POST" && url.pathname === "/__fake/reset") {
        reset();
        return send(204, null);
      }
      return send(404, { message: "unknown control path" });
    }

    const received: ReceivedRequest = { method: req.method ?? "", path: url.pathname + url.search, headers: req.headers, body, receivedAt: Date.now() };
    requests.push(received);
    const route: Route | null =
      req.method === "POST" && url.pathname === "/contacts/"
        ? "create"
        : req.method === "GET" && url.pathname === "/contacts/search/duplicate"
          ? "lookup"
          : req.method === "POST" && /^\/contacts\/[^/]+\/tags$/.test(url.pathname)
            ? "tags"
            : req.method === "DELETE" && /^\/contacts\/[^/]+$/.test(url.pathname)
              ? "delete"
              : req.method === "GET" && /^\/locations\/[^/]+\/customFields$/.test(url.pathname)
                ? "customFields"
                : null;
    if (!route) return send(404, { statusCode: 404, message: `Cannot ${req.method} ${url.pathname}` });
    const limit = rateLimitFor(String(req.headers.authorization), received.receivedAt);
    received.overLimit = limit.over;
    const reply: FakeAnswer = limit.over
      ? { status: 429, body: { statusCode: 429, message: "Too many requests" } }
      : answer(route, url, (body ?? {}) as Record<string, unknown>, req.headers);
    if ("drop" in reply) return req.socket.destroy();
    if ("createThenDrop" in reply || "createThenDelayMs" in reply) throw new Error("unreachable");
    const delayMs = (reply.delayMs ?? 0) + settings.latencyMs;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    received.status = reply.status;
    send(reply.status, reply.body ?? null, { ...limit.headers, ...reply.headers });
  });

  function reset() {
    requests.length = 0;
    contacts.length = 0;
    for (const route of Object.keys(scripted) as Route[]) scripted[route].length = 0;
    standing = null;
    recentCalls.clear();
    callsToday.clear();
    Object.assign(settings, { allowDuplicates, rateLimit, dailyLimit, latencyMs: 0, lookupRefusal: null, flaky: null, customFields: {} });
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    token,
    requests,
    contacts,
    /** Answers for the next creates, in order; then back to the standing answer or normal creation. */
    script: (...answers: FakeAnswer[]) => void scripted.create.push(...answers),
    /** Answers for the next calls of one route. */
    scriptFor: (route: Route, ...answers: FakeAnswer[]) => void scripted[route].push(...answers),
    /** The location's "Allow Duplicate Contact" setting (until reset). */
    allowDuplicates: (allow: boolean) => void (settings.allowDuplicates = allow),
    /** Enforce a burst limit (answering 429 over it, X-RateLimit-* headers on every answer), or none (until reset). */
    setRateLimit: (limit: RateLimit | null) => void (settings.rateLimit = limit),
    /** Allow this many calls per token per day (429 over it, X-RateLimit-*-Daily headers on every answer), or none (until reset). */
    setDailyLimit: (limit: number | null) => void (settings.dailyLimit = limit),
    /** LeadConnector's day turns over: the daily count starts again. */
    newDay: () => callsToday.clear(),
    /** Answer every call this much later, contacts still created (until reset). */
    setLatency: (ms: number) => void (settings.latencyMs = ms),
    /** Answer some calls with 503, 429 or a dropped connection at random (until reset; null: reliable). */
    setFlaky: (flaky: Flakiness | null) => void (settings.flaky = flaky),
    /** Refuse every lookup with this status, as for a token lacking contacts.readonly (null: search normally; until reset). */
    refuseLookups: (status: 401 | 403 | null) => void (settings.lookupRefusal = status),
    /** The custom fields `GET /locations/{id}/customFields` lists for this location (until reset). */
    setCustomFields: (locationId: string, fields: FakeCustomField[]) => void (settings.customFields = { ...settings.customFields, [locationId]: fields }),
    /** An answer for every call until changed (null: create contacts normally). */
    setStanding: (answer: FakeAnswer | null) => void (standing = answer),
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
