// The one error getActor() throws for a staff session that must set up two-step sign-in:
// a 403 problem in the API, a redirect to the set-up page for Next.js pages.
import { describe, expect, it } from "vitest";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { problemFromError } from "../http/problem";
import { MfaSetupRequiredError } from "./mfa-setup-required";

describe("MfaSetupRequiredError", () => {
  it("answers 403 'Set up two-step sign-in first.' as problem+json", async () => {
    const response = problemFromError(new MfaSetupRequiredError());
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 403, code: "FORBIDDEN", detail: "Set up two-step sign-in first." });
  });

  it("is a redirect to the set-up page for Next.js", () => {
    const error = new MfaSetupRequiredError();
    expect(isRedirectError(error)).toBe(true);
    if (!isRedirectError(error)) return;
    expect(getURLFromRedirectError(error)).toBe("/account/two-step");
  });
});
