/**
 * ⚠ SECURITY: the one schema for text people type (docs/security.md "Input hygiene"). Every
 * user-text field of every input schema is built here, so the same rules hold everywhere:
 *
 *  - NUL (U+0000) is refused: PostgreSQL cannot store it in text or jsonb, and it cuts
 *    strings short in C libraries and log tools.
 *  - Other C0/C1 control characters are refused. Multi-line text (message bodies, notes,
 *    reasons) keeps line feeds and tabs; CR LF and lone CR become LF first.
 *  - Bidirectional embedding/override/isolate controls (U+202A–202E, U+2066–2069) are
 *    refused except where `allowBidi` says free text may carry them (message bodies): in a
 *    name, subject, reason or search term they only serve to make text read differently
 *    from what it is ("Trojan source" spoofing).
 *  - Lone UTF-16 surrogates are refused (they are not text and cannot be stored as UTF-8).
 *  - Text is trimmed and normalised to NFC, so "é" typed two ways is one value; text with
 *    no visible character at all becomes "" (so "required" checks see it as empty).
 *  - A minimum length counts VISIBLE characters: whitespace, format characters (\p{Cf},
 *    e.g. zero-width spaces), other default-ignorable code points, combining marks and the
 *    blank braille pattern do not count. A reason of 20 zero-width spaces is empty.
 *  - A maximum length counts UTF-16 code units after normalisation (what `.length` says).
 *
 * No server-only imports: forms reuse these schemas; the server always parses again.
 */
import { z } from "zod";

// Built with RegExp so the source holds no raw control characters.
const nulCharacter = /\u0000/;
/** C0 except TAB and LF, DEL, and C1: never part of text a person types. */
const controlsExceptTabAndLineFeed = /[\u0001-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Every C0 control, DEL and C1 (single-line text has no place for TAB or LF either). */
const allControls = /[\u0001-\u001F\u007F-\u009F]/;
/** Embeddings and overrides (U+202A–202E) and isolates (U+2066–2069). */
export const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What a reader cannot see: whitespace, format and other default-ignorable characters, marks, blank braille. */
const invisible = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}\u2800]/gu;

/** How many characters of `value` a reader can actually see (code points, after removing the invisible ones). */
export function visibleLength(value: string): number {
  let count = 0;
  for (const _ of value.replace(invisible, "")) count++;
  return count;
}

export const textMessages = {
  nul: "Remove the NUL character (U+0000): it cannot be stored.",
  control: "Remove the control characters: only letters, digits, punctuation, spaces and (in longer text) line breaks and tabs are accepted.",
  lineBreak: "Keep this on one line: line breaks, tabs and other control characters are not accepted here.",
  bidi: "Remove the text-direction override characters (U+202A–202E, U+2066–2069): they make text read differently from what it is.",
  surrogate: "The text contains an invalid character (a lone UTF-16 surrogate).",
} as const;

export type TextOptions = {
  /** Fewest VISIBLE characters (see visibleLength); 0 allows empty text. */
  min?: number;
  /** Most UTF-16 code units, after trimming and normalising. */
  max: number;
  /** Line feeds and tabs have a place (message bodies, notes, reasons). */
  multiline?: boolean;
  /** Bidirectional controls have a place (message bodies only). */
  allowBidi?: boolean;
  /** Shown when the text is missing, not a string, or has fewer visible characters than `min`. */
  minMessage?: string;
  maxMessage?: string;
};

function normaliseLineBreaks(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

/**
 * A string schema for text a person types: see the file's header for the rules. Built of
 * zod checks and in-place overwrites only (no transforms), so the OpenAPI document can still
 * describe it (`maxLength`) and `.optional()`/`.nullable()` work as usual.
 */
export function textSchema(options: TextOptions): z.ZodString {
  const { min = 0, max, multiline = false, allowBidi = false } = options;
  const minMessage = options.minMessage ?? (min === 1 ? "Write something here." : `Write at least ${min} visible characters.`);
  let schema = z.string({ error: options.minMessage ?? "Give text here." });
  if (multiline) schema = schema.overwrite(normaliseLineBreaks);
  schema = schema
    .trim()
    .refine((v) => !nulCharacter.test(v), { message: textMessages.nul, abort: true })
    .refine((v) => !(multiline ? controlsExceptTabAndLineFeed : allControls).test(v), {
      message: multiline ? textMessages.control : textMessages.lineBreak,
      abort: true,
    })
    .refine((v) => !loneSurrogate.test(v), { message: textMessages.surrogate, abort: true });
  if (!allowBidi) schema = schema.refine((v) => !bidiControls.test(v), { message: textMessages.bidi, abort: true });
  // Text with nothing visible in it is empty text: a body of zero-width spaces is no message.
  schema = schema.overwrite((v) => (visibleLength(v) === 0 ? "" : v.normalize("NFC"))).max(max, options.maxMessage ?? `Keep this to ${max.toLocaleString("en-US")} characters.`);
  if (min > 0) schema = schema.refine((v) => visibleLength(v) >= min, { message: minMessage });
  return schema;
}

/** A name of a person, team or API client: one line, no bidi controls. */
export function nameTextSchema(options: Omit<TextOptions, "multiline" | "allowBidi">): z.ZodString {
  return textSchema({ ...options, multiline: false, allowBidi: false });
}

/** A search term (`q`): one line, empty allowed, no bidi controls. */
export function searchTermSchema(max = 100): z.ZodString {
  return textSchema({ max, multiline: false, allowBidi: false });
}

/** An identifier-like token a client chooses (idempotency keys, action names): ASCII only. */
export function tokenSchema(options: { min?: number; max: number; pattern?: RegExp; message?: string }): z.ZodString {
  const { min = 1, max, pattern = /^[A-Za-z0-9_-]+$/, message = "Use letters, digits, - and _ only." } = options;
  return z.string().trim().min(min).max(max).regex(pattern, message);
}

/**
 * Text the app wrote itself and reads back from a client (a name inside a cursor): not
 * trimmed or normalised (it must match what is stored), only refused when PostgreSQL could
 * not take it.
 */
export function storedTextSchema(max: number): z.ZodString {
  return z
    .string()
    .max(max)
    .refine((v) => !nulCharacter.test(v) && !loneSurrogate.test(v), "contains a character that cannot be stored");
}
