// People and access: admins add people with a role, roles limit what each may do, and every dashboard action checks
// the session and role itself (the authorisation matrix posts each action as each kind of person).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { appUrl } from "./ports";
import { expect, signIn, test, type Outbox } from "./fixtures";

type Person = { email: string; password: string };
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const person = (label: string): Person => ({ email: `${label}-${run}@people.test`, password: `${label}-password-${run}` });

/** Adds a person on the People page (signed in as an admin) with a password of their own. */
async function addPerson(page: Page, who: Person, role: "Admin" | "Marketer" | "Viewer") {
  await page.goto("/dashboard/people");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByLabel("Password (optional)").fill(who.password);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${who.email} as ${role.toLowerCase()}`);
}

async function signedInContext(browser: Browser, who: Person) {
  const context = await browser.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page };
}

test("an admin adds a viewer with a one-time password; the viewer signs in, reads the outbox, and sees no People page", async ({ page, browser }) => {
  await signIn(page);
  const viewer = person("viewer-once");
  await page.goto("/dashboard/people");
  await page.getByLabel("Email").fill(viewer.email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await page.getByRole("button", { name: "Add person" }).click();
  const shown = await page.getByRole("status").textContent();
  const password = /One-time password, shown only now: (\S+)/.exec(shown ?? "")?.[1];
  expect(password, shown ?? "").toBeTruthy();
  await expect(page.getByTestId("person-row").filter({ hasText: viewer.email })).toContainText("Viewer");

  const { context, page: viewerPage } = await signedInContext(browser, { email: viewer.email, password: password! });
  await expect(viewerPage.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "People" })).toHaveCount(0);
  await viewerPage.goto("/dashboard/people");
  await expect(viewerPage).toHaveURL(/\/login\?error=forbidden$/);
  await expect(viewerPage.getByText("Your role does not allow that")).toBeVisible();
  await context.close();

  // The admin's own page shows the one-time password nowhere once left.
  await page.reload();
  await expect(page.getByText(password!)).toHaveCount(0);
});

/** Every server action exported by a "use server" module of lib/dashboard, with what it asks of the caller. */
function dashboardActions() {
  const dir = path.resolve("lib/dashboard");
  const found: { exportName: string; audited: string; permission: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(path.join(dir, file), "utf8");
    if (!/^["']use server["']/.test(source)) continue;
    for (const [, name] of source.matchAll(/^export\s+(?:const|async function|function)\s+(\w+)/gm)) {
      const wrapped = new RegExp(`export const ${name} = dashboardAction\\(\\s*"([^"]+)",\\s*"([\\w-]+)"`).exec(source);
      found.push({ exportName: name, audited: wrapped?.[1] ?? "NOT WRAPPED", permission: wrapped?.[2] ?? "NOT WRAPPED" });
    }
  }
  return found;
}

/** What each action needs, and how many arguments it takes (React encodes them in order). A new action must be added here. */
const EXPECTED: Record<string, { permission: string; args: 1 | 2 | 3 }> = {
  retrySubmission: { permission: "act", args: 1 },
  saveLocationAction: { permission: "admin", args: 2 },
  bulkOutbox: { permission: "act", args: 2 },
  changePasswordAction: { permission: "own-account", args: 2 },
  filterOutbox: { permission: "read", args: 2 },
  watchOutbox: { permission: "read", args: 3 },
  addPersonAction: { permission: "admin", args: 2 },
  changePersonAction: { permission: "admin", args: 2 },
};
const ALLOWED: Record<string, string[]> = {
  viewer: ["read", "own-account"],
  marketer: ["read", "act", "own-account"],
  admin: ["read", "act", "admin", "own-account"],
};

/** Each action's id in the build, and a page that serves it (an action is reachable only from pages that import it). */
function actionIds(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return new Map(
    Object.entries(manifest.node).map(([id, action]) => {
      const worker = Object.keys(action.workers).find((w) => !w.includes("[")) ?? "";
      return [action.exportedName ?? "", { id, page: worker.replace(/^app/, "").replace(/\/page$/, "") || "/" }];
    }),
  );
}

/** Posts a server action as the browser does: the Next-Action header and React's encoding of its arguments. */
async function postAction(request: APIRequestContext, { id, page }: { id: string; page: string }, args: number) {
  const encoded = args === 1 ? ["$K1"] : args === 2 ? [{ status: "idle" }, "$K1"] : ["", null, []];
  const response = await request.post(page, {
    headers: { "Next-Action": id, Accept: "text/x-component", Origin: appUrl },
    multipart: { "0": JSON.stringify(encoded), _1_probe: "1" },
    maxRedirects: 0,
  });
  // A redirect from an action comes as x-action-redirect: "<url>;push"; one from the request gate as a Location.
  const redirect = response.headers()["x-action-redirect"]?.split(";")[0] ?? response.headers()["location"] ?? null;
  return { status: response.status(), redirect };
}

async function latestAudit(outbox: Outbox, action: string, email: string) {
  const { rows } = await outbox.query<{ detail: { outcome?: string } | null }>(
    `SELECT detail FROM "AuditEntry" WHERE action = $1 AND "actorEmail" = $2 ORDER BY id DESC LIMIT 1`,
    [action, email],
  );
  return rows[0]?.detail ?? null;
}

test("every dashboard action checks the session and the role itself: no session, viewer, marketer, admin, deactivated", async ({ page, browser, outbox }) => {
  test.setTimeout(120_000);
  const actions = dashboardActions();
  // Discovery and expectations agree: an action added without an entry here, or not wrapped, fails the test.
  expect(actions.map((a) => `${a.exportName}:${a.permission}`).sort()).toEqual(
    Object.entries(EXPECTED)
      .map(([n, e]) => `${n}:${e.permission}`)
      .sort(),
  );
  const ids = actionIds();

  await signIn(page);
  const people = { viewer: person("viewer"), marketer: person("marketer"), admin: person("admin"), deactivated: person("deactivated") };
  await addPerson(page, people.viewer, "Viewer");
  await addPerson(page, people.marketer, "Marketer");
  await addPerson(page, people.admin, "Admin");
  await addPerson(page, people.deactivated, "Marketer");
  const sessions = {
    anonymous: await browser.newContext({ baseURL: appUrl }),
    viewer: (await signedInContext(browser, people.viewer)).context,
    marketer: (await signedInContext(browser, people.marketer)).context,
    admin: (await signedInContext(browser, people.admin)).context,
    deactivated: (await signedInContext(browser, people.deactivated)).context,
  };
  // Signed in a moment ago, then deactivated: the session in that browser must stop working at once.
  await page.goto("/dashboard/people");
  await page.getByTestId("person-row").filter({ hasText: people.deactivated.email }).getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("status")).toContainText(`${people.deactivated.email} is deactivated`);

  const cells: string[] = [];
  for (const { exportName, audited } of actions) {
    const { permission, args } = EXPECTED[exportName];
    const action = ids.get(exportName)!;
    expect(action, `${exportName} is in the build`).toBeTruthy();
    for (const [who, context] of Object.entries(sessions)) {
      const answer = await postAction(context.request, action, args);
      const cell = `${exportName} as ${who}`;
      cells.push(cell);
      // Without a session the request gate sends the request to /login; with a session that is no longer valid
      // (deactivated a moment ago) the gate lets it through and the action's own check sends it there.
      if (who === "anonymous" || who === "deactivated") {
        expect(answer.redirect, cell).toBe("/login");
        continue;
      }
      const email = people[who as keyof typeof people].email;
      if (ALLOWED[who].includes(permission)) {
        expect(answer.redirect ?? "", cell).not.toMatch(/^\/login/);
        const entry = await latestAudit(outbox, audited, email);
        // Read-only actions write no entry; the others record the call, and it was not denied.
        if (permission === "read") expect(entry, cell).toBeNull();
        else expect(entry, cell).toMatchObject({ outcome: expect.not.stringMatching(/^denied$/) });
      } else {
        expect(answer.redirect, cell).toBe("/login?error=forbidden");
        expect(await latestAudit(outbox, audited, email), cell).toMatchObject({ outcome: "denied" });
      }
    }
  }
  expect(cells).toHaveLength(Object.keys(EXPECTED).length * 5);
  for (const context of Object.values(sessions)) await context.close();
});
