import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CENSOR, createLogger } from "@/lib/log/logger";

/** A logger writing JSON lines into an array, as it would to stdout. */
function capture(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines, text: () => JSON.stringify(lines) };
}

const PERSONAL = {
  email: "ada@example.com",
  phone: "+12015550123",
  firstName: "Ada",
  lastName: "Lovelace",
  name: "Ada Lovelace",
  address1: "12 Analytical Row",
};
const SECRETS = {
  token: "pit-secret-token-1234",
  password: "correct horse battery",
  authorization: "Bearer pit-secret-token-1234",
  cookie: "authjs.session-token=abc123",
};

describe("the logger", () => {
  it("writes JSON lines with a level, the message and the bindings of child loggers", () => {
    const { log, lines } = capture();
    log.child({ requestId: "req-1" }).child({ submissionId: "sub-1" }).info({ outcome: "delivered" }, "delivery run finished");
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: "delivery run finished", requestId: "req-1", submissionId: "sub-1", outcome: "delivered" }),
    ]);
  });

  it("censors personal data and secrets wherever a call site puts them", () => {
    const { log, lines, text } = capture();
    log.info({ ...PERSONAL, ...SECRETS }, "top level");
    log.info(
      { submission: { ...PERSONAL, id: "sub-1" }, headers: { authorization: SECRETS.authorization, cookie: SECRETS.cookie, "user-agent": "test" } },
      "nested",
    );
    log.info({ fields: { ...PERSONAL, companyName: "Relay Ltd" }, values: { email: PERSONAL.email } }, "form values");
    log.info(
      { request: { method: "POST", url: "https://lc.example/contacts/", body: { ...PERSONAL }, headers: { Authorization: SECRETS.authorization } } },
      "upstream call",
    );
    log.info({ body: JSON.stringify(PERSONAL) }, "raw body");
    log.child({ contact: { email: PERSONAL.email } }).warn({ user: { email: PERSONAL.email, password: SECRETS.password } }, "child bindings");

    for (const value of [...Object.values(PERSONAL), ...Object.values(SECRETS), "Relay Ltd", "abc123"]) expect(text()).not.toContain(value);
    expect(lines[0]).toMatchObject({ email: CENSOR, token: CENSOR, authorization: CENSOR });
    expect(lines[1]).toMatchObject({ submission: { id: "sub-1", email: CENSOR }, headers: { authorization: CENSOR, "user-agent": "test" } });
    expect(lines[2]).toMatchObject({ fields: CENSOR, values: CENSOR });
    expect(lines[3]).toMatchObject({ request: { method: "POST", url: "https://lc.example/contacts/", body: CENSOR, headers: CENSOR } });
    // Identifiers an operator needs stay readable.
    expect(lines[1].submission).toMatchObject({ id: "sub-1" });
  });

  it("keeps an upstream refusal's status in a reason but not the values it echoes", () => {
    const { log, lines, text } = capture();
    log.warn({ outcome: "failed", reason: `HTTP 422: email ${PERSONAL.email} is invalid; phone ${PERSONAL.phone} is invalid` }, "delivery run finished");
    log.info({ reason: `Linked to contact c1, but adding tags failed: HTTP 400: {"email":"${PERSONAL.email}"}` }, "tags");
    log.info({ reason: "Network error: ECONNRESET: socket hang up", lastError: "No answer within 2000 ms" }, "retry");
    for (const value of [PERSONAL.email, PERSONAL.phone]) expect(text()).not.toContain(value);
    expect(lines[0].reason).toBe(`HTTP 422: ${CENSOR}`);
    expect(lines[1].reason).toBe(`Linked to contact c1, but adding tags failed: HTTP 400: ${CENSOR}`);
    // What names the failure and carries no value stays readable.
    expect(lines[2]).toMatchObject({ reason: "Network error: ECONNRESET: socket hang up", lastError: "No answer within 2000 ms" });
  });

  it("logs an error's type, code, message and stack frames, never the data it quotes", () => {
    const { log, lines, text } = capture();
    // As pg reports a row it could not store: the values are in the message, `detail` and `where`.
    const database = Object.assign(new Error(`cannot store attempt {"email":"${PERSONAL.email}","phone":"${PERSONAL.phone}"}`), {
      code: "P0001",
      severity: "ERROR",
      detail: `Failing row contains (${PERSONAL.firstName}, ${PERSONAL.email}).`,
      where: `PL/pgSQL function, JSON data: ${PERSONAL.phone}`,
    });
    log.error({ err: database }, "dispatch pass failed");
    // As Prisma reports a call it refused: the message prints the arguments over many lines.
    const prisma = new Error(
      `\nInvalid \`prisma.submission.create()\` invocation:\n\n{\n  data: {\n    fields: { firstName: "${PERSONAL.firstName}" }\n  }\n}`,
    );
    log.error({ err: prisma }, "submission could not be stored");
    log.error({ err: new Error(`upstream said HTTP 400: ${PERSONAL.email} already exists`, { cause: new Error(`for ${PERSONAL.phone}`) }) }, "wrapped");
    log.error({ err: new Error(`token ${SECRETS.authorization} refused`) }, "bearer");

    for (const value of [PERSONAL.email, PERSONAL.phone, `"${PERSONAL.firstName}"`, "pit-secret-token-1234", "Failing row"])
      expect(text()).not.toContain(value);
    expect(lines[0].err).toMatchObject({ type: "Error", code: "P0001", severity: "ERROR", message: `cannot store attempt ${CENSOR}` });
    expect(lines[0].err).not.toHaveProperty("detail");
    expect(String((lines[0].err as { stack: string }).stack)).toMatch(/^Error: cannot store attempt \[redacted\]\n\s+at /);
    expect(lines[1].err).toMatchObject({ message: "Invalid `prisma.submission.create()` invocation:" });
    expect(lines[2].err).toMatchObject({ message: `upstream said HTTP 400: ${CENSOR}` });
  });

  it("keeps a URL's path but not its query, and scrubs values written into the message itself", () => {
    const { log, lines, text } = capture();
    const url = `https://lc.example/contacts/search/duplicate?locationId=loc1&email=${encodeURIComponent(PERSONAL.email)}`;
    log.info({ request: { method: "GET", url } }, "lookup");
    log.info({ pageUrl: `https://site.example/?email=${PERSONAL.email}`, attribution: { utm_source: "x" }, idempotencyKey: "k-123456" }, "accepted");
    log.warn(`could not deliver to ${PERSONAL.email} (${PERSONAL.phone})`);
    log.info({ req: { headers: { "x-forwarded-for": "203.0.113.77", "set-cookie": "authjs.session-token=abc123", "user-agent": "test" } } }, "headers");
    for (const value of [PERSONAL.email, encodeURIComponent(PERSONAL.email), PERSONAL.phone, "k-123456", "203.0.113.77", "abc123"])
      expect(text()).not.toContain(value);
    expect(lines[0].request).toEqual({ method: "GET", url: `https://lc.example/contacts/search/duplicate?${CENSOR}` });
    expect(lines[1]).toMatchObject({ pageUrl: CENSOR, attribution: CENSOR });
    expect(lines[2].msg).toBe(`could not deliver to ${CENSOR} (${CENSOR})`);
    expect(lines[3].req).toEqual({ headers: { "x-forwarded-for": CENSOR, "set-cookie": CENSOR, "user-agent": "test" } });
  });

  it("honours the level: debug lines are dropped at info", () => {
    const { log, lines } = capture("info");
    log.debug("routine");
    log.warn("act on this");
    expect(lines.map((l) => l.msg)).toEqual(["act on this"]);
  });
});
