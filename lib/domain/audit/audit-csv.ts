/**
 * CSV for the compliance export (RFC 4180: comma-separated, CRLF line ends, a field quoted
 * when it holds a comma, quote, CR or LF, quotes doubled).
 * ⚠ SECURITY: spreadsheet formula injection. A cell that starts with = + - @ (or a tab or
 * CR, which some spreadsheets skip before looking) would run as a formula when the file is
 * opened in Excel or LibreOffice — and audit rows carry text from outside (user agents,
 * requested record ids). Such cells get a leading apostrophe, which spreadsheets show as
 * text. Pure: unit-tested in audit-csv.test.ts.
 */
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export type CsvValue = string | number | bigint | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
