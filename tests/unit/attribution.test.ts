import { describe, expect, it } from "vitest";
import { defineForm } from "@/lib/forms/definition";
import { toCreateContactBody } from "@/lib/outbox/upstream";
import { attributionFrom } from "@/lib/outbox/attribution";
import { attributionCustomFields, submissionTags } from "@/lib/outbox/upstream";
import { contactForm } from "../../support/forms";

const partner = { id: "acme", name: "Acme Realty", tag: "partner:acme" };

describe("attribution", () => {
  it("reads utm_* from the landing URL and keeps the referrer", () => {
    expect(
      attributionFrom({
        landingUrl: "https://site.example/quote?utm_source=Google&utm_medium=cpc&utm_campaign=Spring%20Sale&x=1",
        referrer: "https://www.google.com/",
      }),
    ).toEqual({
      landingUrl: "https://site.example/quote?utm_source=Google&utm_medium=cpc&utm_campaign=Spring%20Sale&x=1",
      referrer: "https://www.google.com/",
      utm: { utm_source: "Google", utm_medium: "cpc", utm_campaign: "Spring Sale" },
    });
    expect(attributionFrom({ landingUrl: "not a url", referrer: "javascript:alert(1)" })).toEqual({});
  });

  it("becomes tags: the form's, the partner's, then utm_source and utm_campaign, without duplicates", () => {
    const attribution = { ...attributionFrom({ landingUrl: "https://p.example/?utm_source=Newsletter&utm_campaign=website" }), partner };
    expect(submissionTags(contactForm, attribution)).toEqual(["website", "contact-form", "partner:acme", "utm_source:newsletter", "utm_campaign:website"]);
  });

  it("can go to custom fields instead of tags", () => {
    const form = defineForm({
      ...contactForm,
      attribution: {
        tags: false,
        customFields: {
          utm_source: { customField: "cf_src" },
          landingUrl: { customField: "cf_landing", valueKey: "value" },
          partner: { customField: "cf_partner" },
        },
      },
    });
    const attribution = { ...attributionFrom({ landingUrl: "https://p.example/?utm_source=ads" }), partner };
    expect(submissionTags(form, attribution)).toEqual(["website", "contact-form", "partner:acme"]);
    const body = toCreateContactBody(
      form,
      { firstName: "Ada", email: "ada@example.com" },
      { locationId: "l", tags: [], extraCustomFields: attributionCustomFields(form, attribution) },
    );
    expect(body.customFields).toEqual([
      { id: "cf_src", field_value: "ads" },
      { id: "cf_landing", value: "https://p.example/?utm_source=ads" },
      { id: "cf_partner", field_value: "Acme Realty" },
    ]);
  });
});
