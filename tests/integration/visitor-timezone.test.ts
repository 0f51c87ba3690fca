import { describe, expect, it } from "vitest";
import { acceptSubmission } from "@/lib/submission/accept";
import { LOCATION_ID } from "../support/delivery";
import { deliveryHarness } from "../support/harness";
import { contactForm, webinarForm } from "../../support/forms";

const h = deliveryHarness();

describe("the visitor's time zone, as the browser reports it", () => {
  const stored = async (form: typeof contactForm, visitorTimezone: string | null, input: Record<string, unknown> = {}) => {
    const result = await acceptSubmission(h.database.db, {
      form,
      input: { firstName: "Ada", email: `ada-${Math.random()}@example.com`, ...input },
      locationId: LOCATION_ID,
      visitorTimezone,
    });
    if (result.status !== "accepted") throw new Error(JSON.stringify(result));
    return (await h.database.db.submission.findUniqueOrThrow({ where: { id: result.submissionId } })).visitorTimezone;
  };

  it("is kept when it names a real IANA zone", async () => {
    expect(await stored(contactForm, "America/New_York")).toBe("America/New_York");
    expect(await stored(contactForm, "UTC")).toBe("UTC");
  });

  it("is dropped when it names none (a script chooses this input too), or when nothing was sent (no JavaScript)", async () => {
    expect(await stored(contactForm, "Mars/Olympus_Mons")).toBeNull();
    expect(await stored(contactForm, "<script>")).toBeNull();
    expect(await stored(contactForm, null)).toBeNull();
  });

  it("is not kept when the form asks for a time zone itself: the visitor's answer wins", async () => {
    expect(await stored(webinarForm, "Asia/Tokyo", { timezone: "Europe/Berlin" })).toBeNull();
  });
});
