import { describe, expect, it } from "vitest";
import { defineForm } from "@/lib/forms/definition";
import { saveLocation } from "@/lib/locations/directory";
import { checkLocationMapping, CUSTOM_FIELDS_SCOPE } from "@/lib/locations/mapping";
import { readEnv } from "@/lib/config/env";
import { deliveryHarness } from "../support/harness";
import { envFor, LOCATION_ID } from "../support/delivery";

const OTHER_LOCATION = "loc_other_456";
const OTHER_TOKEN = "pit-other-location-token-0123456789";
const h = deliveryHarness({ otherTokens: [OTHER_TOKEN] });

// A form with every kind of custom-field target: by id and key, by id alone, and an attribution value.
const survey = defineForm({
  id: "survey",
  title: "Survey",
  submitLabel: "Send",
  thankYou: "Thanks",
  tags: [],
  defaultCountry: "US",
  fields: [
    { name: "email", label: "Email", kind: "email", required: true, maps: "email" },
    { name: "budget", label: "Budget", kind: "number", maps: { customField: "cf_budget", key: "contact.budget" } },
    { name: "notes", label: "Notes", kind: "text", maps: { customField: "cf_notes" } },
  ],
  attribution: { customFields: { utm_source: { customField: "cf_source", key: "contact.utm_source" } } },
});
// Delivers elsewhere: its targets are not this location's business.
const elsewhere = defineForm({
  ...survey,
  id: "elsewhere",
  location: OTHER_LOCATION,
  attribution: undefined,
  fields: [survey.fields[0], { name: "x", label: "X", kind: "text", maps: { customField: "cf_x" } }],
});
const forms = [survey, elsewhere];

const LOCATION_FIELDS = [
  { id: "cf_budget", name: "Budget", fieldKey: "contact.budget", dataType: "NUMERICAL" },
  { id: "cf_notes", name: "Notes", fieldKey: "contact.notes", dataType: "LARGE_TEXT" },
  { id: "cf_source", name: "UTM source", fieldKey: "contact.utm_source", dataType: "TEXT" },
];

const check = (locationId = LOCATION_ID, env = envFor(h.fake)) => checkLocationMapping(h.database.db, env, forms, locationId);
const customFieldCalls = () => h.fake.requests.filter((r) => r.path.includes("/customFields"));

describe("Check mapping", () => {
  it("finds every mapped field, asking with the location's token, the API version and model=contact", async () => {
    h.fake.setCustomFields(LOCATION_ID, LOCATION_FIELDS);

    const { result, report } = await check();

    expect(result).toBe("checked");
    expect(report).toEqual({
      status: "report",
      ok: true,
      summary: "All 3 mapped custom fields were found among the location's 3 custom fields.",
      problems: [],
    });
    expect(customFieldCalls()).toHaveLength(1);
    expect(customFieldCalls()[0]).toMatchObject({ method: "GET", path: `/locations/${LOCATION_ID}/customFields?model=contact`, status: 200 });
    expect(customFieldCalls()[0].headers).toMatchObject({ authorization: `Bearer ${h.fake.token}`, version: "2021-07-28" });
  });

  it("reports a field mapped to an id the location does not have, naming the form, field and target", async () => {
    h.fake.setCustomFields(
      LOCATION_ID,
      LOCATION_FIELDS.filter((f) => f.id !== "cf_notes"),
    );

    const { result, problems, report } = await check();

    expect({ result, problems }).toEqual({ result: "checked", problems: 1 });
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/^1 of 3 mapped custom fields has a problem \(the location has 2 custom fields\)/);
    expect(report.problems).toEqual([
      {
        formId: "survey",
        formTitle: "Survey",
        field: "Notes (notes)",
        target: 'id "cf_notes"',
        reason: 'The location has no custom field with the id "cf_notes".',
      },
    ]);
  });

  it("checks the key too: a key the location lacks, an id that is really a key, an id lost but its key found", async () => {
    h.fake.setCustomFields(LOCATION_ID, [
      { ...LOCATION_FIELDS[0], fieldKey: "contact.monthly_budget" }, // id found, key gone
      { id: "cf_notes_2", name: "Notes", fieldKey: "cf_notes", dataType: "TEXT" }, // the form's "id" is this field's key
      { id: "cf_source_new", name: "UTM source", fieldKey: "contact.utm_source", dataType: "TEXT" }, // recreated: new id, same key
    ]);

    const { report } = await check();

    expect(report.problems.map((p) => [p.field, p.target, p.reason])).toEqual([
      [
        "Budget (budget)",
        'id "cf_budget", key "contact.budget"',
        'The location has no custom field with the key "contact.budget"; the id "cf_budget" is the field "Budget" (key "contact.monthly_budget").',
      ],
      ["Notes (notes)", 'id "cf_notes"', '"cf_notes" is the key of the custom field "Notes", not its id; its id is "cf_notes_2".'],
      [
        "attribution utm_source",
        'id "cf_source", key "contact.utm_source"',
        'The location has no custom field with the id "cf_source"; the key "contact.utm_source" is the field "UTM source", whose id is "cf_source_new".',
      ],
    ]);
    expect(report.summary).toMatch(/^3 of 3 mapped custom fields have problems/);
  });

  it("flags a clear-cut type mismatch: text into a number field", async () => {
    h.fake.setCustomFields(LOCATION_ID, [...LOCATION_FIELDS.slice(0, 2), { ...LOCATION_FIELDS[2], dataType: "MONETORY" }]);

    const { report } = await check();

    expect(report.problems).toEqual([
      expect.objectContaining({
        field: "attribution utm_source",
        reason: 'The field "UTM source" is of type MONETORY, which takes a number, and this attribution value sends text.',
      }),
    ]);
  });

  it.each([401, 403])("says which scope to add when LeadConnector answers %i, and never shows the token", async (status) => {
    h.fake.scriptFor("customFields", { status, body: { statusCode: status, message: "The token is not authorized for this scope." } });

    const { result, report } = await check();

    expect(result).toBe("refused");
    expect(report).toEqual({
      status: "report",
      ok: false,
      summary: `LeadConnector refused to list this location's custom fields (HTTP ${status}: The token is not authorized for this scope.). Add the scope ${CUSTOM_FIELDS_SCOPE} to the location's token, then check again. Nothing was checked and nothing changed.`,
      problems: [],
    });
    expect(JSON.stringify(report)).not.toContain(h.fake.token);
  });

  it("reads a refused token from the fake's own check (not a scripted answer) the same way", async () => {
    const { result, report } = await check(LOCATION_ID, envFor(h.fake, { token: "pit-a-token-the-fake-does-not-know" }));

    expect(result).toBe("refused");
    expect(report.summary).toContain("(HTTP 401: Invalid JWT)");
    expect(report.summary).not.toContain("pit-a-token-the-fake-does-not-know");
  });

  it.each([
    [{ status: 503, body: { statusCode: 503, message: "Service Unavailable" } }, "HTTP 503: Service Unavailable"],
    [{ status: 429, body: { statusCode: 429, message: "Too many requests" } }, "HTTP 429: Too many requests"],
    [{ drop: true as const }, "Network error"],
  ])("says LeadConnector could not be asked when it answers %j, and changes nothing", async (answer, reason) => {
    h.fake.scriptFor("customFields", answer);
    const before = await h.database.db.location.findMany();

    const { result, report } = await check();

    expect(result).toBe("unavailable");
    expect(report.ok).toBe(false);
    expect(report.summary).toContain(`LeadConnector could not be asked (${reason}`);
    expect(report.summary).toContain("Nothing was checked and nothing changed. Try again in a minute.");
    expect(await h.database.db.location.findMany()).toEqual(before);
  });

  it("says so when LeadConnector does not answer in time", async () => {
    h.fake.scriptFor("customFields", { status: 200, body: { customFields: [] }, delayMs: 1500 });

    const { result, report } = await check(LOCATION_ID, envFor(h.fake, { timeoutMs: 200 }));

    expect(result).toBe("unavailable");
    expect(report.summary).toContain("LeadConnector could not be asked (No answer within 200 ms)");
  });

  it("uses a stored location's own token, and checks only the forms delivering to it", async () => {
    await saveLocation(h.database.db, envFor(h.fake), { id: OTHER_LOCATION, name: "Other", token: OTHER_TOKEN });
    h.fake.setCustomFields(OTHER_LOCATION, []);

    const { report } = await check(OTHER_LOCATION);

    expect(customFieldCalls().map((r) => r.headers.authorization)).toEqual([`Bearer ${OTHER_TOKEN}`]);
    expect(report.problems.map((p) => `${p.formId} ${p.field}`)).toEqual(["elsewhere X (x)"]);
  });

  it("needs a token for the location, and a LeadConnector account rather than the sandbox", async () => {
    expect((await check("loc_unknown_789")).report.summary).toBe("No token is stored for loc_unknown_789: add it below, then check again.");
    expect((await check(LOCATION_ID, readEnv({}))).result).toBe("sandbox");
    expect(customFieldCalls()).toEqual([]);
  });
});
