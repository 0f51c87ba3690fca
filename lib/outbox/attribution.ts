import { httpUrl } from "@/lib/net/http-url";

/** Where a visitor came from, kept with the submission. */
export type Attribution = {
  landingUrl?: string;
  referrer?: string;
  utm?: Partial<Record<UtmName, string>>;
  /** The partner whose embed it came from, with the tag the partner had then. */
  partner?: { id: string; name: string; tag: string };
};

export const UTM_NAMES = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
export type UtmName = (typeof UTM_NAMES)[number];

/** Reads utm_* parameters from the landing URL; the referrer is whatever page sent the visitor to it. */
export function attributionFrom({ landingUrl, referrer }: { landingUrl?: string | null; referrer?: string | null }): Attribution {
  const attribution: Attribution = {};
  const landing = httpUrl(landingUrl);
  if (landing) {
    attribution.landingUrl = landing.toString();
    const utm = Object.fromEntries(UTM_NAMES.map((name) => [name, landing.searchParams.get(name)?.trim().slice(0, 200)]).filter(([, value]) => value));
    if (Object.keys(utm).length > 0) attribution.utm = utm;
  }
  const from = httpUrl(referrer);
  if (from) attribution.referrer = from.toString();
  return attribution;
}
