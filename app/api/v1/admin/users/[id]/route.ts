import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { changeUserRole } from "@/lib/domain/admin/change-user-role";
import { getPerson } from "@/lib/domain/admin/get-person";
import { changeUserRoleSchema } from "@/lib/domain/admin/schemas";

export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await getPerson(actor, id)));

export const PATCH = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = changeUserRoleSchema.parse(await readJsonBody(request));
  return Response.json(await changeUserRole(actor, id, input));
});
