// The dashboard by keyboard alone: Tab, Shift+Tab, Enter and Space, never a mouse click. A marketer signs in, searches,
// changes the status tab, opens a submission and retries it, then discards a Held one; every element the focus lands
// on on the way shows that it has it (an outline, or a ring that it does not have unfocused).
import type { Page } from "@playwright/test";
import { ADMIN, LOCATION_ID } from "./ports";
import { expect, test } from "./fixtures";

type Target = { selector: string; text?: RegExp };
type Landing = { matches: boolean; what: string; indicator: boolean; styles: string };

/** Where the focus is, whether it is the target, and whether it can be seen: compared with an unfocused copy of itself. */
function focusState(target: { selector: string; text: string | null }): Landing | null {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const label = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(/\s+/g, " ");
  const matches = el.matches(target.selector) && (target.text === null || new RegExp(target.text).test(label));
  const focused = getComputedStyle(el);
  const copy = el.cloneNode(true) as HTMLElement;
  copy.removeAttribute("id");
  copy.style.position = "absolute";
  copy.style.visibility = "hidden";
  el.parentElement!.insertBefore(copy, el);
  const plain = getComputedStyle(copy);
  const outline = focused.outlineStyle !== "none" && parseFloat(focused.outlineWidth) > 0 && focused.outlineColor !== "rgba(0, 0, 0, 0)";
  const indicator = outline || focused.boxShadow !== plain.boxShadow || focused.outlineStyle !== plain.outlineStyle;
  const styles = `outline ${focused.outline}, box-shadow ${focused.boxShadow} (unfocused: ${plain.outline}, ${plain.boxShadow})`;
  copy.remove();
  const name = el.getAttribute("name") ? ` name="${el.getAttribute("name")}"` : "";
  return { matches, what: `<${el.tagName.toLowerCase()}${name}> "${label.slice(0, 60)}"`, indicator, styles };
}

const unseen = new Set<string>();

/** Presses Tab (or Shift+Tab) until the target has the focus; every stop on the way must show its focus. */
async function tabTo(page: Page, target: Target, key: "Tab" | "Shift+Tab" = "Tab") {
  const visited: string[] = [];
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press(key);
    const landing = await page.evaluate(focusState, { selector: target.selector, text: target.text?.source ?? null });
    if (!landing) continue;
    visited.push(landing.what);
    if (!landing.indicator) unseen.add(`${new URL(page.url()).pathname}: ${landing.what}: ${landing.styles}`);
    if (landing.matches) return;
  }
  throw new Error(`${key} never reached ${target.selector} ${target.text ?? ""}; the focus went through:\n${visited.join("\n")}`);
}

test("a marketer works the dashboard by keyboard alone, and always sees where the focus is", async ({ page, pool }) => {
  const run = `keyboard${Date.now().toString(36)}`;
  const email = (what: string) => `${run}-${what}@example.com`;
  const insert = async (status: "FAILED" | "HELD", what: string) => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO "Submission" (id, "formId", "locationId", fields, "searchText", status, "attemptCount", "lastError", "heldReason", "updatedAt")
       VALUES (gen_random_uuid(), 'contact', $1, $2, $3, $4::"SubmissionStatus", $5, $6, $7::"HeldReason", now()) RETURNING id`,
      [
        LOCATION_ID,
        JSON.stringify({ firstName: "Ada", lastName: `Keys ${what}`, email: email(what) }),
        `ada\nkeys ${what}\n${email(what)}`,
        status,
        status === "FAILED" ? 1 : 0,
        status === "FAILED" ? "HTTP 422: seeded" : null,
        status === "HELD" ? "honeypot" : null,
      ],
    );
    return rows[0].id;
  };
  const failed = await insert("FAILED", "failed");
  const held = await insert("HELD", "held");
  const statusOf = async (id: string) => (await pool.query(`SELECT status::text FROM "Submission" WHERE id = $1`, [id])).rows[0].status as string;

  // Sign in.
  await page.goto("/login");
  await tabTo(page, { selector: 'input[name="email"]' });
  await page.keyboard.type(ADMIN.email);
  await tabTo(page, { selector: 'input[name="password"]' });
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);

  // Search, then back up to the status tabs (they come before the filter) for the Failed one.
  await tabTo(page, { selector: 'input[name="search"]' });
  await page.keyboard.type(run);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId("outbox-row")).toHaveCount(2);
  await tabTo(page, { selector: "a", text: /^Failed \(1\)$/ }, "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(page.getByTestId("outbox-row")).toHaveCount(1);

  // Open the submission and retry it with Space.
  await tabTo(page, { selector: `a[href="/dashboard/submissions/${failed}"]` });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/dashboard/submissions/${failed}$`));
  await tabTo(page, { selector: 'button[type="submit"]', text: /^Retry$/ });
  await page.keyboard.press("Space");
  await expect.poll(() => statusOf(failed)).not.toBe("FAILED");

  // Back to the outbox, the same search, the Held tab: tick the row, give a reason, discard it.
  await tabTo(page, { selector: 'nav[aria-label="Dashboard"] a', text: /^Outbox$/ }, "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);
  await tabTo(page, { selector: 'input[name="search"]' });
  await page.keyboard.type(run);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await tabTo(page, { selector: "a", text: /^Held \(1\)$/ }, "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/status=HELD/);
  await tabTo(page, { selector: 'input[type="checkbox"]', text: new RegExp(`^Select ${email("held")}$`) });
  await page.keyboard.press("Space");
  await tabTo(page, { selector: 'input[name="discardReason"]' }, "Shift+Tab");
  await page.keyboard.type("keyboard test");
  await tabTo(page, { selector: "button", text: /^Discard selected/ });
  page.once("dialog", (dialog) => void dialog.accept()); // the browser's own confirmation, answered as Enter would
  await page.keyboard.press("Enter");
  await expect.poll(() => statusOf(held)).toBe("DISCARDED");
  await expect(page.getByRole("status").filter({ hasText: /Discarded 1 submission/ })).toBeVisible();

  expect([...unseen], "elements that took the focus without showing it").toEqual([]);
});
