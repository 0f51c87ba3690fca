import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formTokens } from "@/lib/abuse/form-token";
import { recordRejection, screenSubmission, type ScreeningLimits } from "@/lib/abuse/screen";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(async () => {
  await database.db.rateLimitWindow.deleteMany();
  await database.db.rejection.deleteMany();
});

const SECRET = "a-test-secret-of-at-least-32-characters!";
const tokens = formTokens(SECRET);
const limits: ScreeningLimits = { minFillSeconds: 3, perIp: 3, perForm: 5 };
const now = Date.UTC(2026, 10, 26, 12, 0, 0);
const renderedAgo = (ms: number, formId = "contact") => tokens.issue(formId, now - ms);
const screen = (overrides: Partial<Parameters<typeof screenSubmission>[1]> = {}) =>
  screenSubmission(database.db, { formId: "contact", token: renderedAgo(10_000), honeypot: null, ip: "203.0.113.7", secret: SECRET, limits, now, ...overrides });

describe("screening a submission", () => {
  it("accepts a person's: a form rendered here, filled in more than the minimum time, honeypot empty", async () => {
    expect(await screen()).toEqual({ verdict: "accept" });
  });

  it.each([
    ["the honeypot is filled", { honeypot: "+1 555 0100" }, "honeypot"],
    ["there is no form token (a blind post)", { token: null }, "missing_token"],
    ["the token was made up", { token: `${now.toString(36)}.not-a-signature` }, "forged_token"],
    ["the token belongs to another form", { token: renderedAgo(10_000, "quote") }, "forged_token"],
    ["the token was signed with another secret", { token: formTokens("another-secret-of-at-least-32-chars!!").issue("contact", now - 10_000) }, "forged_token"],
    ["the form was sent faster than a person can fill it", { token: renderedAgo(1200) }, "too_fast"],
  ])("turns a bot away silently when %s", async (_, overrides, reason) => {
    expect(await screen(overrides)).toEqual({ verdict: "bot", reason });
  });

  it("asks a person to send again when the page was open for over a day", async () => {
    expect(await screen({ token: renderedAgo(25 * 60 * 60 * 1000) })).toMatchObject({ verdict: "retry", reason: "expired_token", message: expect.stringContaining("send the form again") });
  });

  it("limits submissions per IP address across processes, with a plain message", async () => {
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await screen()).verdict);
    expect(verdicts).toEqual(["accept", "accept", "accept", "retry"]);
    expect(await screen()).toMatchObject({ reason: "rate_limit_ip", message: "You have sent this form several times in a short while. Please wait a few minutes, then send it again." });
    expect(await screen({ ip: "198.51.100.9" })).toEqual({ verdict: "accept" }); // another visitor is not affected
  });

  it("limits submissions per form, whatever the address", async () => {
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await screen({ ip: `198.51.100.${i}` }));
    expect(verdicts.map((v) => v.verdict)).toEqual(["accept", "accept", "accept", "accept", "accept", "retry"]);
    expect(verdicts[5]).toMatchObject({ reason: "rate_limit_form" });
  });

  it("starts counting afresh in the next window", async () => {
    for (let i = 0; i < 4; i++) await screen();
    expect((await screen()).verdict).toBe("retry");
    const later = now + 10 * 60 * 1000;
    expect(await screen({ now: later, token: tokens.issue("contact", later - 10_000) })).toEqual({ verdict: "accept" });
  });

  it("counts rejections by reason", async () => {
    await recordRejection(database.db, "honeypot");
    await recordRejection(database.db, "honeypot");
    await recordRejection(database.db, "too_fast");
    const rows = await database.db.rejection.findMany({ orderBy: { reason: "asc" } });
    expect(rows.map((r) => [r.reason, r.count])).toEqual([
      ["honeypot", 2],
      ["too_fast", 1],
    ]);
  });
});
