import { describe, expect, it } from "vitest";
import { toCreateContactBody } from "@/lib/outbox/upstream";
import { contactForm, webinarForm } from "../../support/forms";

describe("mapping a submission to LeadConnector's create-contact body", () => {
  it("sends the mapped fields, the form's tags, source 'public api' and consent as DND settings", () => {
    const values = contactForm.schema.parse({
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      phone: "4155552671",
      companyName: "AE",
      marketingConsent: "on",
      smsConsent: "on",
    });
    expect(toCreateContactBody(contactForm, values, { locationId: "loc1", tags: ["website", "contact-form"] })).toEqual({
      locationId: "loc1",
      source: "public api",
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      phone: "+14155552671",
      companyName: "AE",
      tags: ["website", "contact-form"],
      dndSettings: { Email: { status: "inactive" }, SMS: { status: "inactive" } },
    });
  });

  it("leaves empty optional fields out and keeps do-not-disturb on without consent", () => {
    const values = contactForm.schema.parse({ firstName: "Ada", email: "ada@example.com", lastName: "", phone: "" });
    const body = toCreateContactBody(contactForm, values, { locationId: "loc1", tags: ["website", "contact-form"] });
    expect(body).not.toHaveProperty("lastName");
    expect(body).not.toHaveProperty("phone");
    expect(body).not.toHaveProperty("companyName");
    expect(body).not.toHaveProperty("marketingConsent");
    expect(body).not.toHaveProperty("smsConsent");
    expect(body.dndSettings).toEqual({ Email: { status: "active" }, SMS: { status: "active" } });
  });

  it("sends the visitor's time zone as the contact's, unless a field of the form filled it", () => {
    const values = contactForm.schema.parse({ firstName: "Ada", email: "ada@example.com" });
    expect(toCreateContactBody(contactForm, values, { locationId: "loc1", tags: [], timezone: "Asia/Tokyo" }).timezone).toBe("Asia/Tokyo");
    expect(toCreateContactBody(contactForm, values, { locationId: "loc1", tags: [] })).not.toHaveProperty("timezone");
    const webinar = webinarForm;
    const chosen = webinar.schema.parse({ firstName: "Ada", email: "ada@example.com", timezone: "Europe/Berlin" });
    expect(toCreateContactBody(webinar, chosen, { locationId: "loc1", tags: [], timezone: "Asia/Tokyo" }).timezone).toBe("Europe/Berlin");
  });
});
