import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { reviewEmergencyAccess } from "@/lib/domain/emergency-access/review-emergency-access";
import { reviewEmergencyAccessSchema } from "@/lib/domain/emergency-access/schemas";

/** Compliance marks one emergency access reviewed; a second review is a 409. */
export const POST = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = reviewEmergencyAccessSchema.parse(await readJsonBody(request));
  return Response.json(await reviewEmergencyAccess(actor, id, input));
});
