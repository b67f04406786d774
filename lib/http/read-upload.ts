/**
 * Reads the one file of a multipart/form-data upload (field `file`), with the body capped
 * at the file limit plus room for the multipart framing. What the file is, is decided from
 * its bytes later (lib/files/inspect-upload.ts); the name and type given here are only
 * claims.
 */
import { AppError } from "../errors";
import { HttpError } from "./http-error";
import { readCappedBody } from "./read-body";

/** Multipart boundaries and part headers: generous for one file with a long name. */
const framingAllowance = 64 * 1024;

export type UploadedFile = { bytes: Uint8Array<ArrayBuffer>; fileName: string; declaredType: string | null };

export async function readUploadedFile(request: Request, maxFileBytes: number, tooLargeMessage: string): Promise<UploadedFile> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new AppError("BAD_REQUEST", "Send the file as multipart/form-data in a field named \"file\".");
  }
  const body = await readCappedBody(request, maxFileBytes + framingAllowance, () => new HttpError(413, "PAYLOAD_TOO_LARGE", tooLargeMessage));
  if (!body) throw new AppError("BAD_REQUEST", "Send the file as multipart/form-data in a field named \"file\".");

  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", "The upload could not be read as multipart/form-data.");
  }
  const files = form.getAll("file");
  const file = files[0];
  if (files.length !== 1 || !(file instanceof File)) {
    throw new AppError("BAD_REQUEST", "Send exactly one file, in a field named \"file\".");
  }
  if (file.size > maxFileBytes) throw new HttpError(413, "PAYLOAD_TOO_LARGE", tooLargeMessage);
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name,
    // The browser's guess from the extension; "" when it has none.
    declaredType: file.type || null,
  };
}
