const FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** Dashboard times: one unambiguous format, in UTC so server and browser agree. */
export function formatTime(date: Date) {
  return `${FORMAT.format(date)} UTC`;
}
