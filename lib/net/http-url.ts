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

/**
 * A path on this site (`/privacy`; never `//host` or `/\host`, which browsers read as another host) or an https URL:
 * where a link the site shows may point.
 */
export function isSitePathOrHttps(value: string): boolean {
  if (/^\/(?![/\\])[^\s\\]*$/.test(value)) return true;
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}
