// The authorisation matrix: every exported action of every "use server" module under lib/dashboard, posted as a
// script would post it (Next-Action header, React's encoding of its arguments) by no session, a viewer, a marketer,
// an admin and a person deactivated after signing in. Allowed callers get the action's effect; the others are sent
// to /login (or /login?error=forbidden) and change nothing, and a role's refusal of a mutating action is on record.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import type pg from "pg";
import type { Permission } from "../../lib/auth/permissions";
import { hashPassword } from "../../lib/users/password";
import { appUrl, LOCATION_ID } from "./ports";
import { expect, fake, signIn, test } from "./fixtures";

type Who = "anonymous" | "viewer" | "marketer" | "admin" | "deactivated";
type Person = { email: string; password: string };
type Answer = { status: number; redirect: string | null; body: string };

/** One call of an action: its encoded arguments, and how to tell from the database (or the answer) that it acted. */
type Call = { root: unknown[]; fields?: [string, string][]; happened: (answer: Answer) => Promise<boolean> };

type Case = {
  permission: Permission;
  /** Ends the caller's session when allowed (a password change): run after every other action. */
  endsSession?: true;
  /** Sets up what this call acts on, for one caller (`person` is null without a session); `n` is unique per cell. */
  prepare: (pool: pg.Pool, person: Person | null, n: string) => Promise<Call>;
};

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const formState = { status: "idle" };
const scalar = async <T>(pool: pg.Pool, sql: string, values: unknown[]) => (await pool.query(sql, values)).rows[0]?.value as T | undefined;

async function submission(pool: pg.Pool, status: "FAILED" | "HELD", n: string, contactId: string | null = null): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Submission" (id, "formId", "locationId", fields, status, "attemptCount", "lastError", "heldReason", "updatedAt", "contactId")
     VALUES (gen_random_uuid(), 'contact', $1, $2, $3::"SubmissionStatus", $4, $5, $6::"HeldReason", now(), $7) RETURNING id`,
    [
      LOCATION_ID,
      JSON.stringify({ firstName: "Ada", lastName: `Matrix ${n}`, email: `matrix-${n}@example.com` }),
      status,
      status === "FAILED" ? 1 : 0,
      status === "FAILED" ? "HTTP 422: seeded" : null,
      status === "HELD" ? "honeypot" : null,
      contactId,
    ],
  );
  return rows[0].id;
}

const statusOf = (pool: pg.Pool, id: string) => scalar<string>(pool, `SELECT status::text AS value FROM "Submission" WHERE id = $1`, [id]);

async function createPerson(pool: pg.Pool, role: "ADMIN" | "MARKETER" | "VIEWER", label: string): Promise<Person & { id: string }> {
  const person = { email: `${label}-${run}@matrix.test`, password: `${label}-password-${run}` };
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "User" (id, email, "passwordHash", role) VALUES (gen_random_uuid(), $1, $2, $3::"Role") RETURNING id`,
    [person.email, await hashPassword(person.password), role],
  );
  return { ...person, id: rows[0].id };
}

/** What each action needs and how one call of it is made and seen. A new action must be added here, or the test fails. */
const EXPECTED: Record<string, Case> = {
  retrySubmission: {
    permission: "act",
    async prepare(pool, _person, n) {
      const id = await submission(pool, "FAILED", n);
      return { root: ["$K1"], fields: [["submissionId", id]], happened: async () => (await statusOf(pool, id)) !== "FAILED" };
    },
  },
  bulkOutbox: {
    permission: "act",
    async prepare(pool, _person, n) {
      const id = await submission(pool, "HELD", n);
      return {
        root: [formState, "$K1"],
        fields: [
          ["intent", "discard-selected"],
          ["ids", id],
          ["filter", ""],
          ["discardReason", "authorisation matrix"],
          ["after", ""],
        ],
        happened: async () => (await statusOf(pool, id)) === "DISCARDED",
      };
    },
  },
  saveLocationAction: {
    permission: "admin",
    async prepare(pool, _person, n) {
      const id = `matrix-${n}`;
      return {
        root: [formState, "$K1"],
        fields: [
          ["name", `Matrix ${n}`],
          ["id", id],
          ["token", `pit-matrix-${n}-0123456789abcdef`],
        ],
        happened: async () => (await scalar<number>(pool, `SELECT count(*)::int AS value FROM "Location" WHERE id = $1`, [id])) === 1,
      };
    },
  },
  checkMappingAction: {
    permission: "admin",
    // Read-only upstream, but audited: its effect is the answer, the report of the default location's mapping.
    prepare: async () => ({
      root: [formState, "$K1"],
      fields: [["locationId", LOCATION_ID]],
      happened: async (answer) => answer.body.includes('"status":"report"') && answer.body.includes("mapped custom fields"),
    }),
  },
  addPersonAction: {
    permission: "admin",
    async prepare(pool, _person, n) {
      const email = `added-${n}@matrix.test`;
      return {
        root: [formState, "$K1"],
        fields: [
          ["email", email],
          ["role", "VIEWER"],
          ["password", "matrix-password-0123"],
        ],
        happened: async () => (await scalar<number>(pool, `SELECT count(*)::int AS value FROM "User" WHERE email = $1`, [email])) === 1,
      };
    },
  },
  changePersonAction: {
    permission: "admin",
    async prepare(pool, _person, n) {
      const target = await createPerson(pool, "VIEWER", `target-${n}`);
      return {
        root: [formState, "$K1"],
        fields: [
          ["userId", target.id],
          ["intent", "role"],
          ["role", "MARKETER"],
        ],
        happened: async () => (await scalar<string>(pool, `SELECT role::text AS value FROM "User" WHERE id = $1`, [target.id])) === "MARKETER",
      };
    },
  },
  filterOutbox: {
    permission: "read",
    // Read-only: its effect is the answer, a redirect to the outbox filtered as asked.
    prepare: async () => ({
      root: [formState, "$K1"],
      fields: [["status", "FAILED"]],
      happened: async (answer) => /^\/dashboard\?.*status=FAILED/i.test(answer.redirect ?? ""),
    }),
  },
  watchOutbox: {
    permission: "read",
    prepare: async () => ({ root: ["", null, []], happened: async (answer) => answer.status === 200 && answer.body.includes('"version"') }),
  },
  editSubmission: {
    permission: "act",
    async prepare(pool, _person, n) {
      const id = await submission(pool, "FAILED", n);
      const lastName = `Edited ${n}`;
      return {
        root: [formState, "$K1"],
        fields: [
          ["submissionId", id],
          ["firstName", "Ada"],
          ["lastName", lastName],
          ["email", `matrix-${n}@example.com`],
        ],
        happened: async () => (await scalar<string>(pool, `SELECT fields->>'lastName' AS value FROM "Submission" WHERE id = $1`, [id])) === lastName,
      };
    },
  },
  findPersonAction: {
    permission: "admin",
    async prepare(pool, _person, n) {
      await submission(pool, "FAILED", n);
      // Read-only, but audited: its effect is the answer, the counts of what is held.
      return {
        root: [formState, "$K1"],
        fields: [["identifier", `matrix-${n}@example.com`]],
        happened: async (answer) => answer.body.includes('"status":"found"'),
      };
    },
  },
  erasePersonAction: {
    permission: "admin",
    async prepare(pool, _person, n) {
      // With the upstream box ticked: the erasure and the contact's DELETE happen together, or neither.
      const contactId = `matrix-contact-${n}`;
      const id = await submission(pool, "FAILED", n, contactId);
      const email = `matrix-${n}@example.com`;
      const deleted = async () => (await fake.requests()).some((r) => r.method === "DELETE" && r.path === `/contacts/${contactId}`);
      const erased = async () => (await scalar<string>(pool, `SELECT fields::text AS value FROM "Submission" WHERE id = $1`, [id])) === "{}";
      return {
        root: [formState, "$K1"],
        fields: [
          ["identifier", email],
          ["confirm", email],
          ["upstream", "on"],
        ],
        happened: async () => {
          const [local, upstream] = [await erased(), await deleted()];
          expect(upstream, "the upstream delete goes with the erasure").toBe(local);
          return local;
        },
      };
    },
  },
  changePasswordAction: {
    permission: "own-account",
    endsSession: true,
    async prepare(pool, person, n) {
      // Without a session there is no own account: the call names the viewer's password, whose hash must not move.
      const owner = person ?? PEOPLE.viewer;
      const hashOf = () => scalar<string>(pool, `SELECT "passwordHash" AS value FROM "User" WHERE email = $1`, [owner.email]);
      const before = await hashOf();
      const next = `matrix-new-password-${n}`;
      return {
        root: [formState, "$K1"],
        fields: [
          ["currentPassword", owner.password],
          ["newPassword", next],
          ["confirmPassword", next],
        ],
        happened: async () => (await hashOf()) !== before,
      };
    },
  },
};

const GRANTED: Record<Who, readonly Permission[]> = {
  anonymous: [],
  deactivated: [],
  viewer: ["read", "export", "own-account"],
  marketer: ["read", "export", "act", "own-account"],
  admin: ["read", "export", "act", "admin", "own-account"],
};
const MUTATING: readonly Permission[] = ["act", "admin", "own-account"];

const PEOPLE = {
  viewer: { email: `viewer-${run}@matrix.test`, password: `viewer-password-${run}` },
  marketer: { email: `marketer-${run}@matrix.test`, password: `marketer-password-${run}` },
  admin: { email: `admin-${run}@matrix.test`, password: `admin-password-${run}` },
  deactivated: { email: `deactivated-${run}@matrix.test`, password: `deactivated-password-${run}` },
};

/** Every export of every "use server" module of lib/dashboard: its name, and the audit name and permission it is wrapped with. */
function discoverActions() {
  const dir = path.resolve("lib/dashboard");
  const found: { file: string; exportName: string; audited: string; permission: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f))) {
    const source = readFileSync(path.join(dir, file), "utf8");
    if (!/^\s*["']use server["']/.test(source)) continue;
    // Any export at all (types aside): an export this parser cannot read fails below rather than being skipped.
    for (const [statement] of source.matchAll(/^export\s+(?!type\b|interface\b).*$/gm)) {
      const name = /^export\s+(?:const|let|var|async\s+function|function|default)\s*(\w*)/.exec(statement)?.[1] || statement;
      const wrapped = new RegExp(`^export const ${name} = dashboardAction\\(\\s*"([^"]+)",\\s*"([\\w-]+)"`, "m").exec(source);
      found.push({ file, exportName: name, audited: wrapped?.[1] ?? "NOT WRAPPED", permission: wrapped?.[2] ?? "NOT WRAPPED" });
    }
  }
  return found;
}

/** Each action's id in the build and a page that serves it (an action is found through a page that imports it). */
function actionIds(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  const ids = new Map<string, { id: string; page: string }>();
  for (const [id, action] of Object.entries(manifest.node)) {
    if (!action.filename?.startsWith("lib/dashboard/") || !action.exportedName) continue;
    const workers = Object.keys(action.workers).filter((w) => w.startsWith("app/") && w.endsWith("/page"));
    const worker = workers.find((w) => !w.includes("[")) ?? workers[0] ?? "";
    // A dynamic segment gets any value: the action runs before the page would look it up.
    const page = worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000");
    ids.set(action.exportedName, { id, page: page || "/" });
  }
  return ids;
}

/**
 * Posts one action as React does: a FormData argument's fields under "_1_", then the root "0" with the arguments. The
 * root must come last: the server decodes the body as it streams in, and "$K1" takes only the fields already read.
 */
async function postAction(request: APIRequestContext, action: { id: string; page: string }, call: Call): Promise<Answer> {
  const form = new FormData();
  for (const [name, value] of call.fields ?? []) form.append(`_1_${name}`, value);
  form.set("0", JSON.stringify(call.root));
  const response = await request.post(action.page, {
    headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: appUrl },
    multipart: form,
    maxRedirects: 0,
  });
  // An action's redirect comes as x-action-redirect "<url>;push"; the request gate's as a Location header.
  const target = response.headers()["x-action-redirect"]?.split(";")[0] ?? response.headers()["location"] ?? null;
  const redirect = target === null ? null : ((url) => url.pathname + url.search)(new URL(target, appUrl));
  return { status: response.status(), redirect, body: await response.text() };
}

async function signedIn(browser: Browser, person: Person): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: appUrl });
  await signIn(await context.newPage(), person);
  return context;
}

test("every dashboard action checks the session and the role itself: no session, viewer, marketer, admin, deactivated", async ({ browser, pool }) => {
  test.setTimeout(240_000); // 40 cells, some hashing passwords, on a shared 2-core machine

  const actions = discoverActions();
  // Discovery and the table agree, permission included: a new, unwrapped or re-permissioned action fails here.
  expect(actions.map((a) => `${a.exportName} (${a.file}) needs ${a.permission}`).sort()).toEqual(
    actions.map((a) => `${a.exportName} (${a.file}) needs ${EXPECTED[a.exportName]?.permission ?? "an entry in EXPECTED"}`).sort(),
  );
  expect(actions.map((a) => a.exportName).sort(), "every action in EXPECTED still exists").toEqual(Object.keys(EXPECTED).sort());
  const ids = actionIds();

  await createPerson(pool, "VIEWER", "viewer");
  await createPerson(pool, "MARKETER", "marketer");
  await createPerson(pool, "ADMIN", "admin");
  await createPerson(pool, "ADMIN", "deactivated");
  const sessions: Record<Who, BrowserContext> = {
    anonymous: await browser.newContext({ baseURL: appUrl }),
    viewer: await signedIn(browser, PEOPLE.viewer),
    marketer: await signedIn(browser, PEOPLE.marketer),
    admin: await signedIn(browser, PEOPLE.admin),
    deactivated: await signedIn(browser, PEOPLE.deactivated),
  };
  // An admin signed in a moment ago, then deactivated as lib/users does it: their open session must stop at once.
  await pool.query(`UPDATE "User" SET "deactivatedAt" = now(), "sessionVersion" = "sessionVersion" + 1 WHERE email = $1`, [PEOPLE.deactivated.email]);

  const lastAuditId = async () => (await scalar<string>(pool, `SELECT coalesce(max(id), 0)::text AS value FROM "AuditEntry"`, [])) ?? "0";
  const auditedSince = async (id: string, action: string) =>
    (
      await pool.query<{ actorEmail: string | null; outcome: string | null }>(
        `SELECT "actorEmail", detail->>'outcome' AS outcome FROM "AuditEntry" WHERE id > $1 AND action = $2 ORDER BY id`,
        [id, action],
      )
    ).rows;

  const order = [...actions].sort((a, b) => Number(!!EXPECTED[a.exportName].endsSession) - Number(!!EXPECTED[b.exportName].endsSession));
  const cells: string[] = [];
  for (const { exportName, audited } of order) {
    const { permission, prepare } = EXPECTED[exportName];
    const action = ids.get(exportName);
    expect(action, `${exportName} is in the build`).toBeTruthy();
    for (const who of Object.keys(sessions) as Who[]) {
      const cell = `${exportName} as ${who}`;
      const person = who === "anonymous" ? null : PEOPLE[who];
      const call = await prepare(pool, person, `${run}-${cells.length}`);
      const since = await lastAuditId();
      const answer = await postAction(sessions[who].request, action!, call);
      const entries = await auditedSince(since, audited);
      cells.push(cell);

      if (GRANTED[who].includes(permission)) {
        expect(await call.happened(answer), `${cell}: acted (HTTP ${answer.status}, redirect ${answer.redirect})`).toBe(true);
        expect(answer.redirect ?? "", cell).not.toMatch(/^\/login(\?error=|$)/);
        // A mutating call is on record under the caller, whatever its outcome; a read writes nothing.
        if (MUTATING.includes(permission)) expect(entries, cell).toEqual([{ actorEmail: person!.email, outcome: "done" }]);
        else expect(entries, cell).toEqual([]);
        continue;
      }
      expect(await call.happened(answer), `${cell}: changed nothing`).toBe(false);
      if (who === "anonymous" || who === "deactivated") {
        // No session: the request gate sends it to /login. A stale one (deactivated) passes the gate, whose check
        // is cookie-only, and the action's own check sends it there; nobody to put on record either way.
        expect(answer.redirect, cell).toBe("/login");
        expect(entries, cell).toEqual([]);
      } else {
        expect(answer.redirect, cell).toBe("/login?error=forbidden");
        expect(entries, cell).toEqual([{ actorEmail: person!.email, outcome: "denied" }]);
      }
    }
  }
  expect(cells).toHaveLength(Object.keys(EXPECTED).length * 5);
  for (const context of Object.values(sessions)) await context.close();
  // The locations it stored would show on every later spec's Locations page: the stack's database is shared.
  await pool.query(`DELETE FROM "Location" WHERE id LIKE 'matrix-%'`);
});
