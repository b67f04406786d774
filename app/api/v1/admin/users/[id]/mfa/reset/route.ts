import { apiRoute } from "@/lib/http/api-route";
import { resetUserMfa } from "@/lib/domain/admin/reset-user-mfa";

/** Resets a lost second factor: the person must set up two-step sign-in again; their sessions end. → the person. */
export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await resetUserMfa(actor, id)));
