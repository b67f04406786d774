import { allowedContentTypes } from "../../../files/allowed-types";
import { attachmentCsp } from "../../../http/attachment-response";
import { parameterRef, responseRef } from "../components";
import type { JsonSchema, Paths, Response } from "../types";
import { errors, json } from "./shared";

const binary = (contentType: string): JsonSchema => ({ type: "string", contentMediaType: contentType });

/** What lib/http/attachment-response.ts sets on every file it serves. */
function fileResponse(description: string, contentTypes: readonly string[], disposition: string): Response {
  return {
    description,
    headers: {
      "Content-Disposition": { description: disposition, schema: { type: "string" } },
      "X-Content-Type-Options": { description: "The browser must not guess another type.", schema: { type: "string", const: "nosniff" } },
      "Content-Security-Policy": {
        description: "Nothing in the file may load or run, and it may not be framed, should it be opened as a page.",
        schema: { type: "string", const: attachmentCsp },
      },
      "Cross-Origin-Resource-Policy": { schema: { type: "string", const: "same-origin" } },
    },
    content: Object.fromEntries(contentTypes.map((type) => [type, { schema: binary(type) }])),
  };
}

const notServed =
  "Only a CLEAN file is served: a PENDING, INFECTED, REJECTED or FAILED one answers 404, exactly like a missing or out-of-scope one.";

export const attachmentPaths: Paths = {
  "/attachments": {
    post: {
      operationId: "uploadAttachment",
      tags: ["attachments"],
      summary: "Upload a file (a photo or a PDF) to send with a message",
      description:
        "The file is checked from its bytes before anything is kept (type, file name, active content; a PDF is read with qpdf and " +
        "refused when it carries scripts, actions other than page and https links, embedded files, rich media or XFA, is encrypted, " +
        "or cannot be read cleanly), then held in quarantine " +
        "while a virus scan runs. The answer is usually PENDING: poll GET /attachments/{id} until it is CLEAN (or refused), " +
        "and send it by putting its id in `attachmentIds` of POST /threads or POST /threads/{id}/messages.",
      requestBody: {
        required: true,
        description: "Exactly one file, in a field named `file`; the declared type and the name are only claims, checked against the bytes.",
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              properties: {
                file: {
                  ...binary("application/octet-stream"),
                  description: "JPEG, PNG, WebP or PDF; at most 20 MB unless the deployment sets ATTACHMENT_MAX_BYTES.",
                },
              },
              required: ["file"],
            },
            encoding: { file: { contentType: allowedContentTypes.join(", ") } },
          },
        },
      },
      responses: {
        "201": json("Accepted: the file, usually PENDING until its virus scan finishes.", "Attachment"),
        "400": responseRef("UploadBadRequest"),
        ...errors(401, 403),
        "413": responseRef("UploadTooLarge"),
        "422": responseRef("UploadRefused"),
        "503": responseRef("UploadBusy"),
      },
    },
  },
  "/attachments/{id}": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "getAttachment",
      tags: ["attachments"],
      summary: "One attachment: its status and, once CLEAN, where to get it",
      description: "The uploader polls this while the scan runs; anyone who may read the message it was sent with may read it too.",
      responses: { "200": json("The attachment.", "Attachment"), ...errors(401, 404) },
    },
  },
  "/attachments/{id}/content": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "getAttachmentContent",
      tags: ["attachments"],
      summary: "The file itself",
      description: `${notServed} Every download is audited.`,
      parameters: [
        {
          name: "download",
          in: "query",
          required: false,
          description: "`1`: answer with `Content-Disposition: attachment` so a browser saves the file instead of showing it.",
          schema: { type: "string", enum: ["1"] },
        },
      ],
      responses: {
        "200": fileResponse(
          "The file, as the type found in its bytes (images are re-encoded without their metadata).",
          allowedContentTypes,
          "`inline` for images, `attachment` for PDFs and whenever `download=1`; with the cleaned file name.",
        ),
        ...errors(401, 404),
      },
    },
  },
  "/attachments/{id}/thumbnail": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "getAttachmentThumbnail",
      tags: ["attachments"],
      summary: "A small WebP preview of an image (at most 480 px)",
      description: `${notServed} PDFs have no thumbnail (404).`,
      responses: {
        "200": fileResponse("The thumbnail.", ["image/webp"], "`inline`, with the cleaned file name."),
        ...errors(401, 404),
      },
    },
  },
  "/members/{id}/documents": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "listMemberDocuments",
      tags: ["members", "attachments"],
      summary: "The member's documents (nurses and physicians): CLEAN files on messages the caller may read, newest first",
      description:
        "At most 50, no paging. Roles not granted the `documents` member-context field (see GET /members/{id}/context) answer 404, " +
        "as for any member outside the caller's scope.",
      responses: { "200": json("The member's documents.", "DocumentList"), ...errors(401, 404) },
    },
  },
};
