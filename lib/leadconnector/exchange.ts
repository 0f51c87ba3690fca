import http from "node:http";
import https from "node:https";

/** What the client reads of an answer's headers; a fetch `Headers` fits too. */
export type AnswerHeaders = Pick<Headers, "get">;

export type ExchangeRequest = { method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number };
export type ExchangeAnswer = { status: number; headers: AnswerHeaders; body: string };

/**
 * One HTTP request and its whole answer, over the network or with the in-process sandbox. Rejects with an error
 * named `TimeoutError` when no whole answer came within `timeoutMs`, or with the network's error (its `code` kept).
 */
export type Exchange = (request: ExchangeRequest) => Promise<ExchangeAnswer>;

// Kept-alive connections, one pool per scheme for the process: a delivery opens no new connection or TLS session.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * The network, on node:http. Not fetch: its streams, Request and AbortSignal.timeout cost the worker 0.3-0.4 ms of CPU
 * a call, node:http 0.07 (docs/benchmarks.md). One timer bounds the whole exchange: connect, headers and body.
 */
export const networkExchange: Exchange = ({ method, url, headers, body, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    if (!secure && target.protocol !== "http:") return reject(new Error(`unsupported protocol ${target.protocol}`));
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const fail = (error: Error) => settle(() => reject(error));
    const request = (secure ? https : http).request(
      target,
      {
        method,
        headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        agent: secure ? agents.https : agents.http,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => settle(() => resolve({ status: response.statusCode ?? 0, headers: headersOf(response.headers), body: text })));
        response.on("error", fail);
        response.on("aborted", () => fail(Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" })));
      },
    );
    const timer = setTimeout(() => {
      fail(Object.assign(new Error(`No answer within ${timeoutMs} ms`), { name: "TimeoutError" }));
      request.destroy();
    }, timeoutMs);
    request.on("error", fail);
    request.end(body);
  });

function headersOf(raw: http.IncomingHttpHeaders): AnswerHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
