import { apiRoute } from "@/lib/http/api-route";
import { getMemberContext } from "@/lib/domain/members/get-member-context";

/**
 * The member context panel: only the fields the actor's role is granted
 * (lib/access/member-context-fields.ts). A malformed id is NOT_FOUND in the domain, audited.
 */
export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await getMemberContext(actor, id)));
