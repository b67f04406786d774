/**
 * The name a member's file is shown under. Display only: storage keys are generated
 * (lib/storage/storage-key.ts) and never derived from what the client sent, so this is about
 * what people see, not about where bytes go.
 *
 * What it guards against:
 *  - folder paths: browsers send only the base name, but other clients may send a whole
 *    Windows or POSIX path; a `..` segment is refused outright (someone is probing), any
 *    other path is cut down to its last part;
 *  - invisible characters that make a name read differently from what it is, e.g.
 *    "photo\u202Egpj.exe" shows as "photoexe.jpg" — right-to-left override. We remove every
 *    control (Unicode Cc: C0, DEL, C1) and format character (Unicode Cf: bidi controls
 *    U+061C, U+200E/F, U+202A–E, U+2066–9, zero-width U+200B–D, U+FEFF, soft hyphen, word
 *    joiner, …) and lone surrogates. Removing U+200C/D also breaks the rare name that
 *    needs them (some Persian or Indic spellings, emoji sequences); readable beats exact here;
 *  - names that are blank or hundreds of characters long.
 */
import { rejectUpload, type UploadRejection } from "./upload-rejections";

/** Longest name kept, in code points (extension included). */
export const MAX_FILE_NAME_LENGTH = 120;

/** Longest extension kept whole when a long name is cut; longer "extensions" are just text. */
const MAX_KEPT_EXTENSION_LENGTH = 10;

const FALLBACK_NAME = "attachment";

/** Cc + Cf + lone surrogates (Cs): see the list above. */
const invisible = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

export type CleanFileNameResult = { ok: true; name: string } | UploadRejection<"bad_file_name">;

export type CleanFileNameOptions = {
  /** Used when nothing of the name survives: "attachment.<ext>" instead of "attachment". */
  fallbackExtension?: string;
};

export function cleanFileName(raw: string, options: CleanFileNameOptions = {}): CleanFileNameResult {
  const segments = raw.split(/[/\\]/);
  // Checked on the cleaned segment, so "..\u200B" or " .. " cannot slip past as "not `..`".
  if (segments.some((segment) => tidy(segment) === "..")) return rejectUpload("bad_file_name");

  const name = capLength(trimDots(tidy(segments[segments.length - 1]!)));
  if (name !== "") return { ok: true, name };
  const extension = options.fallbackExtension?.replace(/^\.+/, "");
  return { ok: true, name: extension ? `${FALLBACK_NAME}.${extension}` : FALLBACK_NAME };
}

/**
 * The extension a file name ends in, lower case without the dot, or null. Applied to the name
 * as it will be displayed, so invisible characters cannot hide the real extension.
 */
export function fileNameExtension(raw: string): string | null {
  const segments = raw.split(/[/\\]/);
  return extensionOf(trimDots(tidy(segments[segments.length - 1]!)));
}

function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf(".");
  // A leading dot (".profile") starts a name, not an extension; trimDots removes those anyway.
  if (dot <= 0 || dot === name.length - 1) return null;
  return name.slice(dot + 1).toLowerCase();
}

/** NFC (one code point per accented letter, as macOS's decomposed names are not), no invisible characters, single spaces. */
function tidy(part: string): string {
  return part.normalize("NFC").replace(invisible, "").replace(/\s+/gu, " ").trim();
}

/** Leading dots hide a file on Unix; trailing dots are dropped by Windows and hide the extension. */
function trimDots(name: string): string {
  return name.replace(/^[.\s]+|[.\s]+$/gu, "");
}

function capLength(name: string): string {
  const chars = Array.from(name); // code points, so a cut never splits a surrogate pair
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const extension = extensionOf(name);
  if (extension === null || extension.length > MAX_KEPT_EXTENSION_LENGTH) return chars.slice(0, MAX_FILE_NAME_LENGTH).join("").trimEnd();
  const suffix = name.slice(name.lastIndexOf(".")); // ".JPG" as written
  const stem = chars.slice(0, MAX_FILE_NAME_LENGTH - Array.from(suffix).length).join("");
  return trimDots(stem) + suffix;
}
