// Locations → Check mapping: an admin asks LeadConnector for the location's custom fields and reads, before any
// submission fails on it, which form field is mapped to a custom field the location lacks, or why the check could not run.
import { LOCATION_ID } from "./ports";
import { expect, fake, signIn, test } from "./fixtures";

// What the site's forms map (content/landing): quote's service, budget and details, webinar's topics.
const FIELDS = [
  { id: "quote_service", name: "Service", fieldKey: "contact.service", dataType: "SINGLE_OPTIONS" },
  { id: "quote_budget", name: "Budget", fieldKey: "contact.budget", dataType: "NUMERICAL" },
  { id: "quote_details", name: "Details", fieldKey: "contact.details", dataType: "LARGE_TEXT" },
  { id: "webinar_topics", name: "Topics", fieldKey: "contact.topics", dataType: "MULTIPLE_OPTIONS" },
];

test("Check mapping lists the form fields mapped to custom fields the location lacks, then all found, then a missing scope", async ({ page }) => {
  await fake.setCustomFields(
    LOCATION_ID,
    FIELDS.filter((field) => field.id !== "quote_details"),
  );
  await signIn(page);
  await page.goto("/dashboard/locations");
  const row = page.getByTestId("location-row").filter({ hasText: LOCATION_ID });
  const report = row.getByTestId("mapping-report");

  await row.getByRole("button", { name: "Check mapping" }).click();
  await expect(report).toContainText("1 of 4 mapped custom fields has a problem (the location has 3 custom fields).");
  await expect(report.getByTestId("mapping-problem")).toHaveText([
    'Request a quote (quote), What do you need? (details) → id "quote_details", key "contact.details": The location has no custom field with the id "quote_details" or the key "contact.details".',
  ]);

  await fake.setCustomFields(LOCATION_ID, FIELDS);
  await row.getByRole("button", { name: "Check mapping" }).click();
  await expect(report).toHaveText("All 4 mapped custom fields were found among the location's 4 custom fields.");

  await fake.scriptFor("customFields", { status: 401, body: { statusCode: 401, message: "The token is not authorized for this scope." } });
  await row.getByRole("button", { name: "Check mapping" }).click();
  await expect(report).toContainText("Add the scope locations/customFields.readonly to the location's token");
  await expect(report).not.toContainText("e2e-token");
});
