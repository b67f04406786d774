/**
 * "0 B", "512 B", "12 KB", "3.4 MB", "20 MB": decimal units, as phones and the server's
 * limit messages show sizes; one decimal below 10.
 */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ["KB", "MB", "GB"] as const;
  let value = bytes / 1000;
  let unit = 0;
  // Move up a unit when the value would round to 1000 ("1000 KB" reads as "1 MB").
  while (Math.round(value * 10) / 10 >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = value < 9.95 ? (Math.round(value * 10) / 10).toString() : Math.round(value).toString();
  return `${text} ${units[unit]}`;
}
