import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/lib/net/client-address";
import { moduleLog } from "@/lib/log/logger";

/** Set on every request, replacing any the client sent: each log line of a request carries it. */
export const REQUEST_ID_HEADER = "x-request-id";

/** The largest request body any route takes: a lead form is a few hundred bytes (server actions have the same limit). */
export const MAX_BODY_BYTES = 64 * 1024;

export type WebServerOptions = { dev: boolean; port: number; hostname?: string; trustedHops: number; dir?: string };

/**
 * Next behind a plain Node HTTP server: route handlers and server actions see headers, never the socket,
 * and Next fills X-Forwarded-For from the socket only when a client has not sent one. So this server
 * decides the client's address (TRUSTED_PROXY_HOPS) before Next sees the request.
 */
export async function startWebServer({ dev, port, hostname = "0.0.0.0", trustedHops, dir = process.cwd() }: WebServerOptions): Promise<Server> {
  const app = next({ dev, dir, port, hostname, ...(dev ? { turbopack: true } : {}) });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const server = createServer((request, response) => {
    const refusal = bodyRefusal(request);
    if (refusal) return void response.writeHead(refusal.status, { "content-type": "text/plain", connection: "close" }).end(refusal.message);
    stamp(request, trustedHops);
    handle(request, response).catch((error: unknown) => {
      moduleLog("web").error({ err: error, requestId: request.headers[REQUEST_ID_HEADER] }, "request failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  // Dev's hot reload talks over WebSocket upgrades.
  server.on("upgrade", (request, socket, head) => {
    stamp(request, trustedHops);
    void upgrade(request, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  return server;
}

function stamp(request: IncomingMessage, trustedHops: number) {
  request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(request, trustedHops);
  request.headers[REQUEST_ID_HEADER] = randomUUID();
}

/** Bodies are refused before any route reads them: oversize (413), or of no stated length, which only scripts send (411). */
function bodyRefusal(request: IncomingMessage): { status: number; message: string } | null {
  const length = request.headers["content-length"];
  if (length === undefined) {
    const hasBody = request.headers["transfer-encoding"] !== undefined;
    return hasBody ? { status: 411, message: "A request body needs a Content-Length.\n" } : null;
  }
  return Number(length) > MAX_BODY_BYTES ? { status: 413, message: `A request body may be at most ${MAX_BODY_BYTES / 1024} KB.\n` } : null;
}
