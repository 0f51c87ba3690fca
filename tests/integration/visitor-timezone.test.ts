import { describe, expect, it } from "vitest";
import home from "@/content/landing/home";
import webinarPage from "@/content/landing/webinar";
import { acceptSubmission } from "@/lib/submission/accept";
import { LOCATION_ID } from "../support/delivery";
import { deliveryHarness } from "../support/harness";

const h = deliveryHarness();

describe("the visitor's time zone, as the browser reports it", () => {
  const stored = async (form: typeof home.form, visitorTimezone: string | null, input: Record<string, unknown> = {}) => {
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
    expect(await stored(home.form, "America/New_York")).toBe("America/New_York");
    expect(await stored(home.form, "UTC")).toBe("UTC");
  });

  it("is dropped when it names none (a script chooses this input too), or when nothing was sent (no JavaScript)", async () => {
    expect(await stored(home.form, "Mars/Olympus_Mons")).toBeNull();
    expect(await stored(home.form, "<script>")).toBeNull();
    expect(await stored(home.form, null)).toBeNull();
  });

  it("is not kept when the form asks for a time zone itself: the visitor's answer wins", async () => {
    expect(await stored(webinarPage.form, "Asia/Tokyo", { timezone: "Europe/Berlin" })).toBeNull();
  });
});
