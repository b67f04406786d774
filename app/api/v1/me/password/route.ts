import { getActorForPasswordChange } from "@/lib/auth/get-actor";
import { reissueSessionCookie } from "@/lib/auth/reissue-session-cookie";
import { sessionSetupRoute } from "@/lib/auth/session-setup-route";
import { changeOwnPassword } from "@/lib/domain/auth/change-own-password";
import { readJsonBody } from "@/lib/http/read-json";

/**
 * `{currentPassword, newPassword}` → 204. Reachable while a one-time password must still be
 * changed. Every other session of the account ends; this one gets a new cookie.
 */
export const POST = sessionSetupRoute(getActorForPasswordChange, async (request, actor) => {
  const { sessionsValidAfter } = await changeOwnPassword(actor, await readJsonBody(request));
  const response = new Response(null, { status: 204 });
  const cookie = await reissueSessionCookie(actor, sessionsValidAfter);
  if (cookie) response.headers.append("set-cookie", cookie);
  return response;
});
