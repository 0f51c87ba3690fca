// What an operator and a scheduler see: the health report and the secret-protected dispatch endpoint.
import { DISPATCH_SECRET } from "./ports";
import { expect, test } from "./fixtures";

test("/api/health answers liveness and the database's state, and tells an anonymous caller nothing more", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "up" });
});

test("POST /api/outbox/dispatch delivers for a scheduler holding the secret, and refuses anyone else", async ({ request }) => {
  expect((await request.post("/api/outbox/dispatch")).status()).toBe(401);
  expect((await request.post("/api/outbox/dispatch", { headers: { authorization: "Bearer not-the-secret" } })).status()).toBe(401);
  const response = await request.post("/api/outbox/dispatch?budgetMs=2000", { headers: { authorization: `Bearer ${DISPATCH_SECRET}` } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ handled: expect.any(Number), more: expect.any(Boolean) });
});
