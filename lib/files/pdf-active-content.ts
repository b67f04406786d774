/**
 * Whether a PDF, as qpdf read it (read-pdf-objects.ts), asks a reader to do more than show
 * pages. Care-team staff open members' PDFs in desktop readers, where scripts, launched
 * programs, embedded files and links are how a malicious PDF acts; the documents members
 * send (scans, lab reports, letters, forms) need none of them but plain links.
 *
 * ⚠ Security-critical. Deny by default where it matters, judged on EVERY object of the file
 * (not only those reachable from the catalog, so nothing can hide in an unusual place):
 *  1. forbidden anywhere — as a dictionary key or a name value: `forbiddenNames` (JavaScript
 *     and /JS, the action types that run, send or open things, embedded files, rich media,
 *     3D, XFA forms);
 *  2. every action — a dictionary with /Type /Action, or with /S where a reader looks for
 *     an action (/OpenAction, /A, /Next, each entry of /AA) — must be one of
 *     `allowedActions`: GoTo (a page of this document), URI to an absolute https address,
 *     Named page navigation;
 *  3. any dictionary whose /S is an action type outside `allowedActions` is refused too,
 *     wherever it sits.
 * Names arrive decoded (`/J#61vaScript` is `/JavaScript`); references are followed for the
 * values judged (/S, /Type, /URI, /N, /AA). Stream data (page content, images, fonts) is
 * not read: nothing in it can trigger an action.
 */
import type { PdfJsonValue, PdfObjects } from "./read-pdf-objects";

/** Keys or names that have no place in a member's document, wherever they appear. */
export const forbiddenNames: ReadonlySet<string> = new Set([
  "/JS", "/JavaScript", // scripts: actions, the document-level name tree
  "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/GoToDp", "/Rendition", "/Movie", "/Sound", "/RichMediaExecute", "/GoTo3DView", // actions
  "/EmbeddedFile", "/EmbeddedFiles", "/EF", "/FileAttachment", // files carried inside
  "/RichMedia", "/RichMediaContent", "/Screen", "/3D", "/3DD", // media with their own players and scripting
  "/XFA", // XML forms, scripted
]);

/** Every action type of PDF 2.0 (ISO 32000-2 §12.6.4). */
const actionTypes = new Set(["/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide", "/Named", "/SubmitForm", "/ResetForm", "/ImportData", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript", "/RichMediaExecute"]);
export const allowedActions: ReadonlySet<string> = new Set(["/GoTo", "/URI", "/Named"]);
/** The standard Named actions: page navigation. Readers map other names to menu commands (Print, SaveAs…). */
const allowedNamedActions = new Set(["/NextPage", "/PrevPage", "/FirstPage", "/LastPage"]);
/** Keys whose value is an action (or, for /AA, a dictionary of actions; /Next, one or an array). */
const actionKeys = new Set(["/OpenAction", "/A", "/Next"]);

export type PdfFinding = { feature: string };

/** The first reason to refuse the document, or null when it only shows pages. */
export function findPdfActiveContent(objects: PdfObjects): PdfFinding | null {
  const resolve = (value: PdfJsonValue | undefined): PdfJsonValue | undefined => {
    // One level is what readers accept for these entries; a chain of references is resolved up to a bound.
    for (let hops = 0; hops < 32 && typeof value === "string" && isReference(value); hops++) value = objects[`obj:${value}`]?.value;
    return value;
  };

  for (const object of Object.values(objects)) {
    const found = walk(object.value, resolve) ?? walk(object.stream?.dict, resolve);
    if (found) return found;
  }
  return null;
}

type Resolve = (value: PdfJsonValue | undefined) => PdfJsonValue | undefined;

/** Depth-first over one object's value, with an explicit stack (qpdf's nesting is bounded, but no recursion is cheaper to trust). */
function walk(root: PdfJsonValue | undefined, resolve: Resolve): PdfFinding | null {
  const stack: { value: PdfJsonValue | undefined; isAction: boolean }[] = [{ value: root, isAction: false }];
  while (stack.length > 0) {
    const { value, isAction } = stack.pop()!;
    if (typeof value === "string") {
      if (forbiddenNames.has(value)) return { feature: value };
      if (isAction) {
        const target = resolve(value);
        if (target !== value && isDictionary(target)) {
          const found = judgeAction(target, resolve, true);
          if (found) return found;
        }
      }
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, isAction });
    } else if (isDictionary(value)) {
      const found = judgeAction(value, resolve, isAction);
      if (found) return found;
      for (const [key, entry] of Object.entries(value)) {
        if (forbiddenNames.has(key)) return { feature: key };
        if (key === "/AA") {
          const additional = resolve(entry);
          if (isDictionary(additional)) for (const action of Object.values(additional)) stack.push({ value: action, isAction: true });
          else stack.push({ value: entry, isAction: false });
        } else {
          stack.push({ value: entry, isAction: actionKeys.has(key) });
        }
      }
    }
  }
  return null;
}

/** Rules 2 and 3 for one dictionary; `inActionPlace` when it is where a reader looks for an action. */
function judgeAction(dictionary: { [key: string]: PdfJsonValue }, resolve: Resolve, inActionPlace: boolean): PdfFinding | null {
  const type = resolve(dictionary["/S"]);
  const isAction = inActionPlace || resolve(dictionary["/Type"]) === "/Action";
  if (typeof type !== "string" || !type.startsWith("/")) return isAction && "/S" in dictionary ? { feature: "action of an unknown type" } : null;
  if (!isAction && !actionTypes.has(type)) return null; // /S of page labels, structure, borders, masks…
  // The feature names only our own constants, never text from the file.
  if (!allowedActions.has(type)) return { feature: actionTypes.has(type) ? `${type} action` : "action of an unknown type" };
  if (type === "/URI" && !isHttpsAddress(textOf(resolve(dictionary["/URI"])))) return { feature: "/URI action to an address that is not https" };
  if (type === "/Named" && !allowedNamedActions.has(String(resolve(dictionary["/N"])))) return { feature: "/Named action other than page navigation" };
  return null;
}

/** An absolute https address with a host, and nothing a reader might trim or re-interpret. */
export function isHttpsAddress(text: string | null): boolean {
  if (text === null || !/^https:\/\/[^\s\\/\u0000-\u001f\u007f][^\s\\\u0000-\u001f\u007f]*$/i.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}

/** A PDF string as qpdf's JSON v2 writes it: "u:" + text, or "b:" + hex bytes (read as Latin-1). */
function textOf(value: PdfJsonValue | undefined): string | null {
  if (typeof value !== "string") return null;
  if (value.startsWith("u:")) return value.slice(2);
  if (value.startsWith("b:") && /^[0-9a-f]*$/i.test(value.slice(2))) return Buffer.from(value.slice(2), "hex").toString("latin1");
  return null;
}

const isReference = (value: string) => /^\d+ \d+ R$/.test(value);
const isDictionary = (value: PdfJsonValue | undefined): value is { [key: string]: PdfJsonValue } => typeof value === "object" && value !== null && !Array.isArray(value);
