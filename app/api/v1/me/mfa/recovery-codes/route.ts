import { mfaSetupRoute } from "@/lib/auth/mfa-setup-route";
import { readJsonBody } from "@/lib/http/read-json";
import { renewRecoveryCodes } from "@/lib/domain/mfa/renew-recovery-codes";

/** `{code}`: a current code from the authenticator app. Ten new recovery codes; the old ones stop working. */
export const POST = mfaSetupRoute(async (request, actor) => Response.json(await renewRecoveryCodes(actor, await readJsonBody(request))));
