import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { networkExchange } from "@/lib/leadconnector/exchange";

// The LeadConnector client's transport against a real server on loopback: what a call gets back, and when it gives up.
let server: Server | null = null;

async function serve(handle: (body: string, response: ServerResponse) => void) {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk));
    request.on("end", () => handle(body, response));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  server = null;
});

const post = (url: string, timeoutMs = 2000) =>
  networkExchange({ method: "POST", url: `${url}/contacts/`, headers: { "Content-Type": "application/json" }, body: '{"firstName":"Zoë"}', timeoutMs });

describe("the LeadConnector client's network exchange", () => {
  it("sends the body with its length and returns the status, headers and whole body", async () => {
    const url = await serve((body, response) => {
      response.writeHead(201, { "content-type": "application/json", "x-ratelimit-remaining": "99" });
      response.end(JSON.stringify({ echoed: body }));
    });
    const answer = await post(url);
    expect(answer.status).toBe(201);
    expect(answer.headers.get("X-RateLimit-Remaining")).toBe("99");
    expect(answer.headers.get("retry-after")).toBeNull();
    expect(JSON.parse(answer.body)).toEqual({ echoed: '{"firstName":"Zoë"}' });
  });

  it("keeps the connection alive for the next call", async () => {
    let connections = 0;
    const url = await serve((_body, response) => response.end("{}"));
    server!.on("connection", () => connections++);
    for (let i = 0; i < 3; i++) expect((await post(url)).status).toBe(200);
    expect(connections).toBe(1);
  });

  it("gives up when the whole answer has not come within the time, even if its headers did", async () => {
    const url = await serve((_body, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"contact":'); // and the rest never comes
    });
    const started = performance.now();
    await expect(post(url, 300)).rejects.toMatchObject({ name: "TimeoutError" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("reports a refused connection with its code", async () => {
    const url = await serve(() => undefined);
    server!.close();
    await once(server!, "close");
    await expect(post(url)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("reports a connection closed mid-answer as a network error, not an answer", async () => {
    const url = await serve((_body, response) => {
      response.writeHead(201, { "content-type": "application/json", "content-length": "100" });
      response.write('{"contact":');
      setImmediate(() => response.socket?.destroy());
    });
    await expect(post(url)).rejects.toMatchObject({ code: "ECONNRESET" });
  });
});
