import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formTokens, type FormTokenClaims } from "@/lib/abuse/form-token";
import { proofOfWork } from "@/lib/abuse/proof-of-work";
import { MESSAGES, screenSubmission, sweepPostRecords, type ScreeningInput, type ScreeningLimits } from "@/lib/abuse/screen";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(async () => {
  await database.db.formPost.deleteMany();
  await database.db.rejectedPost.deleteMany();
});

const SECRET = "a-test-secret-of-at-least-32-characters!";
const tokens = formTokens(SECRET);
const pow = proofOfWork(SECRET);
const limits: ScreeningLimits = { minFillSeconds: 3, perAddress: 3, perForm: 5 };
const renderedAgo = (ms: number, formId = "contact") => tokens.issue({ formId }, Date.now() - ms);
const screen = (overrides: Partial<ScreeningInput> = {}) =>
  screenSubmission(database.db, {
    formId: "contact",
    token: renderedAgo(10_000),
    honeypot: null,
    address: "203.0.113.7",
    secret: SECRET,
    limits,
    canProve: false,
    proven: async () => false,
    ...overrides,
  });

describe("screening a post", () => {
  it("accepts a person's: a form rendered here, filled in more than the minimum time, honeypot empty", async () => {
    expect(await screen()).toMatchObject({ verdict: "accept", claims: { formId: "contact" } });
  });

  it.each([
    ["there is no form token (a blind post)", { token: null }, "missing_token"],
    ["the token was made up", { token: "eyJmIjoiY29udGFjdCJ9.not-a-signature" }, "forged_token"],
    ["the token belongs to another form", { token: renderedAgo(10_000, "quote") }, "forged_token"],
    [
      "the token was signed with another secret",
      { token: formTokens("another-secret-of-at-least-32-chars!!").issue({ formId: "contact" }, Date.now() - 10_000) },
      "forged_token",
    ],
  ])("drops a post, recording why, when %s", async (_, overrides, reason) => {
    expect(await screen(overrides)).toEqual({ verdict: "drop", reason });
    expect(await database.db.rejectedPost.findMany({ select: { formId: true, reason: true } })).toEqual([{ formId: "contact", reason }]);
  });

  // Tokens are signed when the test runs, not when the file loads: the time between is the fill time.
  it.each([
    ["the honeypot is filled (a bot, or a browser's autofill)", () => ({ honeypot: "+1 555 0100" }), "honeypot"],
    ["the form was sent faster than a person can fill it", () => ({ token: renderedAgo(1200) }), "too_fast"],
  ])("holds a suspect for a person to judge when %s", async (_, overrides, reason) => {
    expect(await screen(overrides())).toMatchObject({ verdict: "hold", reason });
  });

  it("gives a visitor whose page was open for over a day a fresh token for the same form, partner and page", async () => {
    const bound = { formId: "contact", partnerId: "acme", pageUrl: "https://acme.example/homes", referrer: "https://search.example/" };
    const result = await screen({ token: tokens.issue(bound, Date.now() - 25 * 60 * 60 * 1000) });
    expect(result).toMatchObject({ verdict: "retry", reason: "expired_token", message: MESSAGES.expired });
    const fresh = tokens.check(result.verdict === "retry" ? result.token : null, "contact");
    expect(fresh).toMatchObject({ ok: true, claims: bound });
  });

  it("limits posts per address across processes, with a plain message and a fresh token", async () => {
    const byAddress = { ...limits, perForm: 0 };
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await screen({ limits: byAddress })).verdict);
    expect(verdicts).toEqual(["accept", "accept", "accept", "retry"]);
    const limited = await screen({ limits: byAddress });
    expect(limited).toMatchObject({ reason: "rate_limit_address", message: MESSAGES.rateLimited });
    expect(tokens.check(limited.verdict === "retry" ? limited.token : null, "contact").ok).toBe(true);
    expect((await screen({ address: "198.51.100.9", limits: byAddress })).verdict).toBe("accept"); // another visitor is not affected
  });

  it("counts an address afresh once its posts are older than the window (backdated, not slept through)", async () => {
    for (let i = 0; i < 3; i++) await screen();
    expect((await screen()).verdict).toBe("retry");
    await database.db.$executeRaw`UPDATE "FormPost" SET "postedAt" = "postedAt" - interval '11 minutes'`;
    expect((await screen()).verdict).toBe("accept");
  });

  describe("a flood (more posts to one form than SUBMISSION_LIMIT_PER_FORM, from any addresses)", () => {
    const flood = async () => {
      for (let i = 0; i < limits.perForm; i++) expect((await screen({ address: `198.51.100.${i}` })).verdict).toBe("accept");
    };

    it("holds a post that cannot prove work (no JavaScript, or a bot): stored, never refused", async () => {
      await flood();
      expect(await screen({ address: "192.0.2.1" })).toMatchObject({ verdict: "hold", reason: "flood" });
    });

    it("asks a browser that can prove work for a proof, and accepts the post that carries one", async () => {
      await flood();
      const token = renderedAgo(10_000);
      const asked = await screen({ address: "192.0.2.2", token, canProve: true });
      expect(asked).toMatchObject({ verdict: "challenge" });
      const nonce = (asked as { claims: FormTokenClaims }).claims.nonce;
      const challenge = await pow.challenge(nonce);
      const solution = await solveChallenge({ challenge, deriveKey });
      const proof = Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
      const proven = (claims: FormTokenClaims) => pow.verify(proof, claims.nonce);
      expect(await screen({ address: "192.0.2.2", token, canProve: true, proven })).toMatchObject({ verdict: "accept" });
      // A proof is bound to its token: with any other token it proves nothing.
      expect(await screen({ address: "192.0.2.3", canProve: false, proven })).toMatchObject({ verdict: "hold", reason: "flood" });
    });

    it("counts concurrent posts without losing any, each one a row of its own", async () => {
      const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => screen({ address: `10.0.${i}.1`, limits: { ...limits, perForm: 1000 } })));
      expect(verdicts.every((v) => v.verdict === "accept")).toBe(true);
      expect(await database.db.formPost.count({ where: { formId: "contact" } })).toBe(40);
    });
  });

  it("sweeps post records older than a day, and keeps the rest", async () => {
    await screen();
    await screen({ token: null });
    await database.db.$executeRaw`UPDATE "FormPost" SET "postedAt" = now() - interval '25 hours'`;
    await database.db.$executeRaw`UPDATE "RejectedPost" SET "postedAt" = now() - interval '25 hours'`;
    await screen({ address: "198.51.100.50" });
    await sweepPostRecords(database.db);
    expect(await database.db.formPost.findMany({ select: { address: true } })).toEqual([{ address: "198.51.100.50" }]);
    expect(await database.db.rejectedPost.count()).toBe(0);
  });
});
