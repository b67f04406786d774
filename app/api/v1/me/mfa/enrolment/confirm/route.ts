import { mfaSetupRoute } from "@/lib/auth/mfa-setup-route";
import { readJsonBody } from "@/lib/http/read-json";
import { confirmMfaEnrolment } from "@/lib/domain/mfa/confirm-mfa-enrolment";

/**
 * `{code}`: the first code from the authenticator app. Turns two-step sign-in on, answers
 * the ten recovery codes once, and ends every session of the account (sign in again).
 */
export const POST = mfaSetupRoute(async (request, actor) => Response.json(await confirmMfaEnrolment(actor, await readJsonBody(request))));
