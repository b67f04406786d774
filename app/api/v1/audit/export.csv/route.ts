import { apiRoute } from "@/lib/http/api-route";
import { contentDisposition } from "@/lib/http/attachment-response";
import { queryParams } from "@/lib/http/query";
import { exportAuditEvents, exportRowCap } from "@/lib/domain/audit/export-audit-events";
import { exportAuditEventsSchema } from "@/lib/domain/audit/schemas";

/**
 * The compliance CSV export, streamed: the filters of GET /audit, newest first, at most
 * `exportRowCap` rows (`X-Export-Truncated: true` when more matched). Audited as audit.export.
 */
export const GET = apiRoute(async (request, actor) => {
  const input = exportAuditEventsSchema.parse(queryParams(request));
  const { fileName, truncated, chunks } = await exportAuditEvents(actor, input);
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // One writer of Content-Disposition for the whole app (RFC 6266/8187 via the content-disposition package).
      "content-disposition": contentDisposition("attachment", fileName),
      "x-content-type-options": "nosniff",
      "x-export-row-cap": String(exportRowCap),
      "x-export-truncated": String(truncated),
    },
  });
});
