import { mfaSetupRoute } from "@/lib/auth/mfa-setup-route";
import { startMfaEnrolment } from "@/lib/domain/mfa/start-mfa-enrolment";

/** Start (or restart) setting up two-step sign-in: a new secret, answered once. No body. */
export const POST = mfaSetupRoute(async (_request, actor) => Response.json(await startMfaEnrolment(actor), { status: 201 }));
