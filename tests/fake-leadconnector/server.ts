import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake received, as it arrived on the wire. */
export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: unknown };

/** A scripted answer: a status and JSON body, optionally after a delay, or a dropped connection. */
export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number } | { drop: true };

export type FakeLeadConnector = Awaited<ReturnType<typeof startFakeLeadConnector>>;

const VERSION = "2021-07-28";

/**
 * A fake LeadConnector: a real HTTP server on loopback that answers `POST /contacts/` like the API
 * (201 with a contact, 401 on a wrong token, 400 on a wrong Version), or with answers a test scripts.
 * Playwright tests, which run it in another process, drive it over `/__fake/*`.
 */
export async function startFakeLeadConnector({ port = 0, host = "127.0.0.1", token = "test-token" } = {}) {
  const requests: ReceivedRequest[] = [];
  const contacts: { id: string; body: Record<string, unknown> }[] = [];
  const scripted: FakeAnswer[] = [];
  let standing: FakeAnswer | null = null;

  async function answerContact(body: Record<string, unknown>, headers: IncomingHttpHeaders): Promise<FakeAnswer> {
    if (headers.authorization !== `Bearer ${token}`) return { status: 401, body: { statusCode: 401, message: "Invalid JWT", error: "Unauthorized" } };
    if (headers.version !== VERSION) return { status: 400, body: { statusCode: 400, message: "version header was not found" } };
    const next = scripted.shift() ?? standing;
    if (next) return next;
    const contact = { id: randomBytes(10).toString("base64url"), ...body };
    contacts.push({ id: contact.id, body });
    return { status: 201, body: { contact } };
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
        scripted.push(...(body as FakeAnswer[]));
        return send(204, null);
      }
      if (req.method === "POST" && url.pathname === "/__fake/standing") {
        standing = (body as FakeAnswer | null) ?? null;
        return send(204, null);
      }
      if (req.method === "POST" && url.pathname === "/__fake/reset") {
        reset();
        return send(204, null);
      }
      return send(404, { message: "unknown control path" });
    }

    requests.push({ method: req.method ?? "", path: url.pathname + url.search, headers: req.headers, body });
    if (req.method === "POST" && url.pathname === "/contacts/") {
      const answer = await answerContact((body ?? {}) as Record<string, unknown>, req.headers);
      if ("drop" in answer) return req.socket.destroy();
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      return send(answer.status, answer.body ?? null, answer.headers);
    }
    send(404, { statusCode: 404, message: `Cannot ${req.method} ${url.pathname}` });
  });

  function reset() {
    requests.length = 0;
    contacts.length = 0;
    scripted.length = 0;
    standing = null;
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    token,
    requests,
    contacts,
    /** Answers for the next calls, in order; then back to the standing answer or normal creation. */
    script: (...answers: FakeAnswer[]) => void scripted.push(...answers),
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
