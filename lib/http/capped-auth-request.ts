/**
 * ⚠ SECURITY: the request next-auth (/api/auth/*) gets to see.
 *
 * next-auth 4's route handler reads the body itself (next-auth/next/utils.js getBody):
 * `req.json()` or `req.text()` with no size cap and no error handling, so malformed JSON was
 * Next's bare 500 and a body of any size was read whole into memory. Here the body is read
 * first, with the project's capped reader, parsed defensively, and the request is re-built
 * from those few bytes with a normalised content type, so next-auth parses exactly what was
 * checked:
 *
 *  - only POST carries a body; its type must be a form (what next-auth's client sends for
 *    sign-in, sign-out and the CSRF-checked callbacks) or JSON (useSession().update());
 *  - 8 KiB at most (a sign-in form is well under 1 KiB) — 413 beyond, reading stops there;
 *  - UTF-8 only; JSON must be an object whose fields are text, except `data` (the session
 *    update's payload): next-auth calls string methods on `callbackUrl`, `csrfToken`, `json`;
 *  - a `callbackUrl` (query or body) must be an http(s) URL, absolute or starting with "/",
 *    without control characters: next-auth answers anything else with a 500 and an
 *    error-level log line ("server configuration"), or throws in its redirect callback;
 *  - no query parameter may hold a control character (next-auth copies `error` into a
 *    Location header, which refuses them: another 500).
 */
import { NextRequest } from "next/server";
import { AppError } from "../errors";
import { HttpError } from "./http-error";
import { readCappedBody } from "./read-body";
import { isJsonContentType } from "./read-json";

export const maxAuthBodyBytes = 8 * 1024;

const formContentType = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

function tooLarge(): HttpError {
  return new HttpError(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${maxAuthBodyBytes / 1024} KB.`);
}

const maxCallbackUrlLength = 2048;
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** What next-auth's own check (core/lib/assert.js isValidHttpUrl) accepts, and no control characters. */
function isAcceptableCallbackUrl(value: string): boolean {
  if (value.length > maxCallbackUrlLength || controlCharacter.test(value)) return false;
  try {
    const url = value.startsWith("/") ? new URL(value, "http://localhost") : new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function assertCallbackUrl(value: string | null | undefined): void {
  if (value !== null && value !== undefined && !isAcceptableCallbackUrl(value)) {
    throw new AppError("BAD_REQUEST", "callbackUrl must be a web address of this app.");
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid UTF-8.");
  }
}

/** The JSON body re-serialised, or BAD_REQUEST. Never echoes the parser's message (it quotes the body). */
function checkedJson(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("BAD_REQUEST", "The body must be a JSON object.");
  }
  for (const [key, field] of Object.entries(value)) {
    if (key !== "data" && typeof field !== "string") throw new AppError("BAD_REQUEST", "The body's fields must be text.");
  }
  assertCallbackUrl((value as Record<string, string>).callbackUrl);
  return JSON.stringify(value);
}

function checkedForm(text: string): string {
  const form = new URLSearchParams(text);
  assertCallbackUrl(form.get("callbackUrl"));
  return form.toString();
}

/** The request to hand to next-auth: GET as it came, POST re-built from its checked, capped body. */
export async function cappedAuthRequest(request: NextRequest): Promise<NextRequest> {
  for (const value of request.nextUrl.searchParams.values()) {
    if (controlCharacter.test(value)) throw new AppError("BAD_REQUEST", "The query string holds a control character.");
  }
  assertCallbackUrl(request.nextUrl.searchParams.get("callbackUrl"));
  if (request.method !== "POST") return request;

  const contentType = request.headers.get("content-type");
  const isJson = isJsonContentType(contentType);
  const isForm = contentType !== null && formContentType.test(contentType.trim());
  const bytes = await readCappedBody(request, maxAuthBodyBytes, tooLarge);
  if (bytes && bytes.byteLength > 0 && !isJson && !isForm) {
    throw new AppError("BAD_REQUEST", "Send the body as a form (application/x-www-form-urlencoded) or as JSON.");
  }

  const text = bytes ? decodeUtf8(bytes) : "";
  const body = isJson && text.trim() !== "" ? checkedJson(text) : isForm ? checkedForm(text) : "";

  const headers = new Headers(request.headers);
  // The re-built body has its own length; a declared one (or chunking) would now be wrong.
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  headers.set("content-type", isJson && body !== "" ? "application/json" : "application/x-www-form-urlencoded");
  return new NextRequest(request.url, { method: "POST", headers, body });
}
