import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { createApiClient } from "@/lib/domain/admin/create-api-client";
import { listApiClients } from "@/lib/domain/admin/list-api-clients";
import { createApiClientSchema } from "@/lib/domain/admin/schemas";

export const GET = apiRoute(async (_request, actor) => {
  const { items } = await listApiClients(actor);
  return Response.json({ items, nextCursor: null });
});

// The answer carries the key, once; apiRoute marks it no-store.
export const POST = apiRoute(async (request, actor) => {
  const input = createApiClientSchema.parse(await readJsonBody(request));
  return Response.json(await createApiClient(actor, input), { status: 201 });
});
