/**
 * ⚠ SECURITY: text as an audit column may hold it. PostgreSQL refuses U+0000 in text and
 * jsonb, and a lone UTF-16 surrogate is not UTF-8: either would make the audit row — and so
 * the change or the denial it records — fail. Both become U+FFFD (visible to a reviewer:
 * "something was here"); other control characters become U+FFFD too, so a CSV export or a
 * terminal never receives them. The length is bounded in code points (no surrogate pair is
 * cut in half).
 */
const unsafe = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function auditText(value: string, maxCodePoints: number): string {
  const safe = value.replace(unsafe, "\uFFFD");
  if (safe.length <= maxCodePoints) return safe;
  return Array.from(safe).slice(0, maxCodePoints).join("");
}
