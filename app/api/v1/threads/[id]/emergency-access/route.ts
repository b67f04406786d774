import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { requestEmergencyAccess } from "@/lib/domain/emergency-access/request-emergency-access";
import { requestEmergencyAccessSchema } from "@/lib/domain/emergency-access/schemas";

// Break-the-glass: 201 with { id, threadId, expiresAt }; 200 with the same shape when the
// caller's own grant on the thread is still running (idempotent, nothing spent). The path id
// goes to the domain as it is: a malformed or unknown id is NOT_FOUND there, audited like any other.
export const POST = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = requestEmergencyAccessSchema.parse(await readJsonBody(request));
  const { grant, created } = await requestEmergencyAccess(actor, id, input);
  return Response.json(grant, { status: created ? 201 : 200 });
});
