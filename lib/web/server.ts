import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/lib/net/client-address";

/** Set on every request, replacing any the client sent: each log line of a request carries it. */
export const REQUEST_ID_HEADER = "x-request-id";

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
    stamp(request, trustedHops);
    handle(request, response).catch((error: unknown) => {
      console.error("[web] request failed", error);
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
