/**
 * ⚠ SECURITY: bounds that keep input within what PostgreSQL takes (docs/security.md "Input
 * hygiene"). A value outside them must be a 400/422 answer here, never a database error
 * (a 500) later: year 0000 is no PostgreSQL timestamp, year 99999 is no ISO string PostgreSQL
 * reads, and 9999999999999999999 is no bigint.
 *
 * No server-only imports: forms and cursors reuse these schemas.
 */
import { z } from "zod";

/** The years a date or instant in input may fall in (UTC). Wide enough for any date of birth or audit period. */
export const minInputYear = 1900;
export const maxInputYear = 9999;

/** PostgreSQL bigint's largest value (bigint ids: the audit log, the outbox). */
export const int8Max = 9_223_372_036_854_775_807n;

const dateMessage = `Give a date between the years ${minInputYear} and ${maxInputYear}.`;

/** Whether an instant lies in the accepted years (after applying its offset: 9999-12-31T23:00-05:00 is year 10000). */
export function isInputInstant(date: Date): boolean {
  const time = date.getTime();
  if (Number.isNaN(time)) return false;
  const year = date.getUTCFullYear();
  return year >= minInputYear && year <= maxInputYear;
}

/**
 * An ISO 8601 date-time (with `Z` or an offset when `offset`), within the accepted years.
 * Stays a string: callers turn it into a Date.
 */
export function isoDateTimeSchema(options: { offset?: boolean } = {}): z.ZodISODateTime {
  return z.iso
    .datetime({ offset: options.offset ?? false, error: "Give a date-time in ISO 8601 form, e.g. 2026-01-31T09:00:00Z.", abort: true })
    .refine((v) => isInputInstant(new Date(v)), { message: dateMessage });
}

/** A positive bigint id as decimal text (audit rows, outbox events), at most PostgreSQL's bigint. */
export const int8IdTextSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,18}$/, { message: "must be a positive whole number", abort: true })
  // Only reached when the regex held (abort), so BigInt never throws here.
  .refine((v) => BigInt(v) <= int8Max, "must be at most 9223372036854775807");

/** Cursors are short; anything longer is not one of ours (checked before decoding). */
export const maxCursorLength = 400;

/** The cursor query parameter of every list: opaque text, bounded here, decoded by lib/domain/shared/cursor.ts. */
export const cursorParamSchema = z.string().max(maxCursorLength, "The cursor is not valid.");
