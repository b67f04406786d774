/**
 * Whether a PDF asks the reader to run something: JavaScript (`/JavaScript` actions, `/JS`
 * code, including an `/OpenAction` that runs on opening) or another program (`/Launch`).
 * Care-team staff open members' PDFs in desktop readers, where these are the usual way a
 * malicious PDF acts; no document a member needs to send us relies on them.
 *
 * Looked for as PDF name tokens (pdf-names.ts: `#xx` escapes decoded, `/JSON` is not `/JS`)
 * in the raw file and inside deflated object streams (pdf-object-streams.ts). Script text
 * itself may sit in compressed streams; the names that trigger it live in dictionaries,
 * which is why these two places suffice for PDFs that are not encrypted.
 *
 * ⚠ A heuristic, failing closed where it cannot see: encrypted PDFs, XFA, rich media, filters
 * we do not decode and object streams with a predictor are refused as "too_complex". One
 * layer of several: the virus scanner still runs, and PDFs are served only as downloads.
 */
import { asBuffer } from "./byte-scan";
import { containsPdfName } from "./pdf-names";
import { decodeObjectStreams } from "./pdf-object-streams";

/** Names that make a reader run code. `/OpenAction` alone is harmless (usually "open at page 1"). */
export const forbiddenPdfNames = ["JavaScript", "JS", "Launch"] as const;

/**
 * Features that hide content from this check, so a PDF using them cannot be called free of
 * script (fail closed, "too_complex"): encryption (every stream unreadable to us), XFA forms
 * (scripts in XML, no /JS name), rich media (Flash/3D with their own scripting), and stream
 * filters we do not decode. Rare in what members send (scans, lab reports, letters).
 */
export const uncheckablePdfNames = ["Encrypt", "XFA", "RichMedia", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW", "RunLengthDecode", "RL"] as const;

export type PdfActiveContent = "none" | "found" | "too_complex";

export function findPdfActiveContent(bytes: Uint8Array): PdfActiveContent {
  const pdf = asBuffer(bytes);
  if (containsPdfName(pdf, forbiddenPdfNames)) return "found";
  if (containsPdfName(pdf, uncheckablePdfNames)) return "too_complex";
  const objectStreams = decodeObjectStreams(pdf);
  if (!objectStreams.ok) return "too_complex";
  if (objectStreams.decoded.some((decoded) => containsPdfName(decoded, forbiddenPdfNames))) return "found";
  return objectStreams.decoded.some((decoded) => containsPdfName(decoded, uncheckablePdfNames)) ? "too_complex" : "none";
}
