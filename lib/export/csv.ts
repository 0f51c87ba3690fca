/** A spreadsheet would run a cell starting with one of these as a formula (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted per RFC 4180 when it needs to be, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A number we wrote ourselves (attempts) is data, not a formula; text the visitor typed is defused with an apostrophe.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRecord(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Excel reads a file as UTF-8 only when it starts with the byte-order mark. */
export const UTF8_BOM = "\uFEFF";
