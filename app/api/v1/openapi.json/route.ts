import { buildOpenApiDocument } from "@/lib/api/openapi/document";

// Public on purpose: the document describes the API and holds no data (no auth, no actor).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
