// The outbox list: a search that never shows its term in the URL, filters that survive a reload, new arrivals
// announced instead of moving the table, and times in the marketer's own zone.
import { expect, newLead, signIn, submitLead, test } from "./fixtures";

test.use({ timezoneId: "Asia/Kolkata" });

test("a marketer searches by part of a lead's email: the row is found, the URL never holds the email, and the filters survive a reload", async ({ page }) => {
  const lead = newLead("search");
  const other = newLead("search-other");
  await submitLead(page, lead);
  await submitLead(page, other);
  const part = lead.email.slice(4, 24); // "search-<time>-…", no other lead's
  await signIn(page);

  await page.getByLabel("Search", { exact: true }).fill(part.toUpperCase());
  await page.getByLabel("Form", { exact: true }).selectOption("contact");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const rows = page.getByTestId("outbox-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole("cell").nth(2)).toHaveText(lead.email);
  await expect(rows.getByRole("cell").nth(1)).toHaveText(`${lead.firstName} ${lead.lastName}`);
  for (const secret of [lead.email, part, part.toUpperCase(), encodeURIComponent(lead.email)])
    expect(page.url().toLowerCase()).not.toContain(secret.toLowerCase());

  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(lead.email);
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(part.toUpperCase());
  await expect(page.getByLabel("Form", { exact: true })).toHaveValue("contact");

  // A status tab keeps the other filters, and counts under them.
  await page.getByRole("link", { name: /^Delivered \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/status=DELIVERED/);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole("link", { name: /^All \(1\)$/ })).toBeVisible();
  const sealedUrl = page.url();

  // The dashboard's own link drops every filter, and the form shows none (a client-side navigation).
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Form", { exact: true })).toHaveValue("");

  // A changed seal is ignored, said so, and the list is unfiltered by it.
  const url = new URL(sealedUrl);
  url.searchParams.set("q", `${url.searchParams.get("q")!.slice(0, -3)}abc`);
  await page.goto(url.toString());
  await expect(page.getByRole("alert").filter({ hasText: "could not be read" })).toBeVisible();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("");
});

test("new submissions are announced above the list instead of moving it, and times show in the browser's zone", async ({ page, context }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const first = newLead("arrivals-first");
  await submitLead(page, first);
  await signIn(page);
  const rows = page.getByTestId("outbox-row");
  const firstRow = rows.filter({ hasText: first.email });
  await expect(firstRow).toHaveCount(1);

  // Server text is UTC; after hydration the browser's zone (India, +05:30), with UTC kept in the title.
  const time = firstRow.locator("time");
  await expect(time).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await expect(time).toHaveAttribute("title", / UTC$/);
  await expect(time).toContainText(/GMT\+5:30|IST/);

  const visitor = await context.newPage();
  const later = newLead("arrivals-later");
  await submitLead(visitor, later);
  await visitor.close();

  const announcement = page.getByRole("link", { name: /^\d+ new submissions?$/ });
  await expect(announcement).toBeVisible({ timeout: 10_000 });
  await expect(rows.filter({ hasText: later.email })).toHaveCount(0);
  await expect(rows.first()).toContainText(first.email);
  await announcement.click();
  await expect(rows.first()).toContainText(later.email);
  await expect(announcement).toHaveCount(0);
  expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
});

test("oldest first is chosen in the filter, kept in the URL through a reload and a tab, and Export CSV follows it", async ({ page }) => {
  const earlier = newLead("order-earlier");
  const later = newLead("order-later");
  await submitLead(page, earlier);
  await submitLead(page, later);
  await signIn(page);
  const emails = async () => (await page.getByTestId("outbox-row").allTextContents()).filter((row) => /order-(earlier|later)/.test(row));

  await page.getByLabel("Search", { exact: true }).fill("order-");
  await page.getByLabel("Order", { exact: true }).selectOption("oldest");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]order=oldest/);
  await expect(page.getByRole("table")).toHaveAccessibleName(/oldest first/);
  await expect.poll(emails).toEqual([expect.stringContaining(earlier.email), expect.stringContaining(later.email)]);

  await page.reload();
  await expect(page.getByLabel("Order", { exact: true })).toHaveValue("oldest");
  await expect.poll(emails).toEqual([expect.stringContaining(earlier.email), expect.stringContaining(later.email)]);
  await page.getByRole("link", { name: /^All \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/[?&]order=oldest/);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.indexOf(earlier.email)).toBeGreaterThan(0);
  expect(text.indexOf(earlier.email)).toBeLessThan(text.indexOf(later.email));

  await page.getByLabel("Order", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).not.toHaveURL(/order=/);
  await expect.poll(emails).toEqual([expect.stringContaining(later.email), expect.stringContaining(earlier.email)]);
});
