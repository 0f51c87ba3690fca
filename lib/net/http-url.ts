/** The longest URL kept anywhere (page, referrer): LeadConnector's and browsers' practical limit. */
export const MAX_URL_LENGTH = 2000;

/** An absolute http(s) URL of at most MAX_URL_LENGTH characters, or undefined: pages and referrers are chosen by whoever sends them. */
export function httpUrl(value: string | null | undefined): URL | undefined {
  if (!value || value.length > MAX_URL_LENGTH) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}
