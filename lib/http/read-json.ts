/**
 * Reads a JSON request body, defensively: the content type must be JSON, the body is
 * read with a hard size cap (we stop reading as soon as it is exceeded, whatever
 * Content-Length claims), and unreadable input is a 400 problem. Validation of the parsed
 * value is zod's job (422), done by the caller with the same schema the domain uses.
 */
import { AppError } from "../errors";
import { HttpError } from "./http-error";
import { readCappedBody } from "./read-body";

/**
 * 64 KiB. The largest legitimate body is a 10,000-character message: even with every
 * UTF-16 unit escaped as \uXXXX (6 bytes; Python's json.dumps does this for non-ASCII by
 * default) that is 60,000 bytes, leaving room for the other fields.
 */
export const maxJsonBodyBytes = 64 * 1024;

const jsonContentType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export function isJsonContentType(value: string | null): boolean {
  return value !== null && jsonContentType.test(value.trim());
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${Math.floor(maxBytes / 1024)} KB.`);
}

export async function readJsonBody(request: Request, maxBytes: number = maxJsonBodyBytes): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("BAD_REQUEST", "Send the body as JSON (Content-Type: application/json).");
  }
  const bytes = await readCappedBody(request, maxBytes, () => tooLarge(maxBytes));
  if (!bytes) throw new AppError("BAD_REQUEST", "A JSON body is required.");

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid UTF-8.");
  }
  if (text.trim() === "") throw new AppError("BAD_REQUEST", "A JSON body is required.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Never echo the parser's message: it quotes the body.
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
}
