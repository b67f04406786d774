import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { readJsonBody } from "@/lib/http/read-json";
import { createStaffUser } from "@/lib/domain/admin/create-staff-user";
import { listPeople } from "@/lib/domain/admin/list-people";
import { createStaffUserSchema, listPeopleSchema } from "@/lib/domain/admin/schemas";

export const GET = apiRoute(async (request, actor) => {
  const input = listPeopleSchema.parse(queryParams(request));
  return Response.json(await listPeople(actor, input));
});

// The answer carries the one-time password, once; apiRoute marks it no-store.
export const POST = apiRoute(async (request, actor) => {
  const input = createStaffUserSchema.parse(await readJsonBody(request));
  return Response.json(await createStaffUser(actor, input), { status: 201 });
});
