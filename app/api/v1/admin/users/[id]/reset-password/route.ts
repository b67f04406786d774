import { apiRoute } from "@/lib/http/api-route";
import { resetUserPassword } from "@/lib/domain/admin/reset-user-password";

// The answer carries the one-time password, once; apiRoute marks it no-store.
export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await resetUserPassword(actor, id)));
