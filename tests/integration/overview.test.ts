// The overview's figures, each one statement grouped by PostgreSQL, checked against seeded rows with known answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryFigures, locationStates, submissionsPerDay } from "@/lib/outbox/overview";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(async () => {
  await database.db.submission.deleteMany();
  await database.db.location.deleteMany();
  await database.db.rateBudget.deleteMany();
});

const NOW = new Date("2026-11-20T10:00:00Z");
const at = (iso: string) => new Date(iso);

type Seed = {
  createdAt: string;
  status: "PENDING" | "DELIVERED" | "FAILED" | "HELD";
  formId?: string;
  partnerId?: string | null;
  deliveredAfterSeconds?: number;
};

async function seed(rows: Seed[]) {
  await database.db.submission.createMany({
    data: rows.map((row) => ({
      formId: row.formId ?? "contact",
      locationId: "loc",
      fields: {},
      status: row.status,
      partnerId: row.partnerId ?? null,
      createdAt: at(row.createdAt),
      deliveredAt: row.deliveredAfterSeconds === undefined ? null : new Date(at(row.createdAt).getTime() + row.deliveredAfterSeconds * 1000),
    })),
  });
}

describe("submissions per day", () => {
  it("counts each UTC day of the last 30 by status, lists empty days, and leaves out older rows", async () => {
    await seed([
      { createdAt: "2026-11-20T09:59:00Z", status: "DELIVERED", deliveredAfterSeconds: 2 },
      { createdAt: "2026-11-20T00:00:00Z", status: "FAILED" },
      { createdAt: "2026-11-19T23:59:59Z", status: "DELIVERED", deliveredAfterSeconds: 4 },
      { createdAt: "2026-11-19T12:00:00Z", status: "HELD" },
      { createdAt: "2026-10-22T00:00:00Z", status: "PENDING" }, // the window's first day
      { createdAt: "2026-10-21T23:59:59Z", status: "DELIVERED", deliveredAfterSeconds: 1 }, // a day too old
    ]);
    const days = await submissionsPerDay(database.db, NOW);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: "2026-10-22", counts: { PENDING: 1 }, total: 1 });
    expect(days[1]).toEqual({ day: "2026-10-23", counts: {}, total: 0 });
    expect(days.at(-2)).toEqual({ day: "2026-11-19", counts: { DELIVERED: 1, HELD: 1 }, total: 2 });
    expect(days.at(-1)).toEqual({ day: "2026-11-20", counts: { DELIVERED: 1, FAILED: 1 }, total: 2 });
    expect(days.reduce((sum, d) => sum + d.total, 0)).toBe(5);
  });
});

describe("delivery figures", () => {
  it("give the success rate over delivered and failed, and the median seconds to delivery, overall, per form and per partner", async () => {
    await seed([
      { createdAt: "2026-11-18T10:00:00Z", status: "DELIVERED", deliveredAfterSeconds: 1, formId: "contact" },
      { createdAt: "2026-11-18T11:00:00Z", status: "DELIVERED", deliveredAfterSeconds: 3, formId: "contact", partnerId: "acme" },
      { createdAt: "2026-11-18T12:00:00Z", status: "DELIVERED", deliveredAfterSeconds: 10, formId: "quote", partnerId: "acme" },
      { createdAt: "2026-11-18T13:00:00Z", status: "DELIVERED", deliveredAfterSeconds: 20, formId: "quote" },
      { createdAt: "2026-11-19T10:00:00Z", status: "FAILED", formId: "quote", partnerId: "acme" },
      { createdAt: "2026-11-19T11:00:00Z", status: "PENDING", formId: "contact" },
      { createdAt: "2026-09-01T10:00:00Z", status: "FAILED", formId: "contact" }, // outside the window
    ]);
    const figures = await deliveryFigures(database.db, NOW);
    // 4 delivered, 1 failed; median of 1, 3, 10, 20 seconds is 6.5.
    expect(figures.overall).toEqual({ key: null, submitted: 6, delivered: 4, failed: 1, successRate: 0.8, medianSeconds: 6.5 });
    expect(figures.byForm).toEqual([
      { key: "contact", submitted: 3, delivered: 2, failed: 0, successRate: 1, medianSeconds: 2 },
      { key: "quote", submitted: 3, delivered: 2, failed: 1, successRate: 2 / 3, medianSeconds: 15 },
    ]);
    expect(figures.byPartner).toEqual([
      { key: null, submitted: 3, delivered: 2, failed: 0, successRate: 1, medianSeconds: 10.5 },
      { key: "acme", submitted: 3, delivered: 2, failed: 1, successRate: 2 / 3, medianSeconds: 6.5 },
    ]);
  });

  it("say nothing rather than 0% or 0 s when nothing was decided or delivered", async () => {
    await seed([{ createdAt: "2026-11-19T11:00:00Z", status: "PENDING" }]);
    expect((await deliveryFigures(database.db, NOW)).overall).toEqual({
      key: null,
      submitted: 1,
      delivered: 0,
      failed: 0,
      successRate: null,
      medianSeconds: null,
    });
  });
});

describe("location states", () => {
  it("list stored locations and the configured one known only from its rate budget, with pauses, degradation and limits", async () => {
    await database.db.location.createMany({
      data: [
        { id: "loc-a", name: "Alpha", pausedAt: NOW, pauseReason: "HTTP 401: token refused" },
        { id: "loc-b", name: "Beta", degradedAt: NOW, degradedReason: "HTTP 403: lookup refused" },
      ],
    });
    await database.db.rateBudget.createMany({
      data: [
        { locationId: "loc-b", max: 100, intervalMs: 10_000, remaining: 97, dailyLimit: 200_000, dailyRemaining: 199_000 },
        { locationId: "env-loc", max: 100, intervalMs: 10_000, remaining: 42, dailyLimit: 200_000, dailyRemaining: 0, dailyResetAt: NOW },
      ],
    });
    const states = await locationStates(database.db);
    expect(states.map((s) => [s.id, s.name, s.pauseReason, s.degradedReason, s.rateRemaining, s.dailyRemaining, s.dailyLimit])).toEqual([
      ["loc-a", "Alpha", "HTTP 401: token refused", null, null, null, null],
      ["loc-b", "Beta", null, "HTTP 403: lookup refused", 97, 199_000, 200_000],
      ["env-loc", null, null, null, 42, 0, 200_000],
    ]);
  });
});
