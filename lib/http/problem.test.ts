import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "./http-error";
import { problemFromError } from "./problem";

describe("problemFromError", () => {
  it("answers zod errors with 422 and one entry per field, unknown fields at their own path", async () => {
    const schema = z.strictObject({ body: z.string().min(1) });
    const result = schema.safeParse({ body: "", extra: 1 });
    const response = problemFromError(result.error);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: "body", message: expect.any(String) },
        { path: "extra", message: 'Unknown field "extra".' },
      ]),
    );
  });

  it("answers transport errors with their own status", async () => {
    const response = problemFromError(new HttpError(413, "PAYLOAD_TOO_LARGE", "Too big."));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413, title: "Payload too large", code: "PAYLOAD_TOO_LARGE", detail: "Too big." });
  });
});
