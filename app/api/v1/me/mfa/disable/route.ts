import { mfaSetupRoute } from "@/lib/auth/mfa-setup-route";
import { readJsonBody } from "@/lib/http/read-json";
import { disableMfa } from "@/lib/domain/mfa/disable-mfa";

/** `{code}`: a current code or an unused recovery code. Turns two-step sign-in off → 204. */
export const POST = mfaSetupRoute(async (request, actor) => {
  await disableMfa(actor, await readJsonBody(request));
  return new Response(null, { status: 204 });
});
