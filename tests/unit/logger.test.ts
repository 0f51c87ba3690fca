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

  it("honours the level: debug lines are dropped at info", () => {
    const { log, lines } = capture("info");
    log.debug("routine");
    log.warn("act on this");
    expect(lines.map((l) => l.msg)).toEqual(["act on this"]);
  });
});
