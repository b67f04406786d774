import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { isHttpError } from "./http-error";
import { isJsonContentType, readJsonBody } from "./read-json";

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/api/v1/x", { method: "POST", body, headers });

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error) || isHttpError(error)) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

describe("readJsonBody", () => {
  it("parses a JSON body", async () => {
    await expect(readJsonBody(post(JSON.stringify({ body: "hi" })))).resolves.toEqual({ body: "hi" });
    await expect(readJsonBody(post("[1]", { "content-type": "application/merge-patch+json; charset=utf-8" }))).resolves.toEqual([1]);
  });

  it("answers 400 for malformed JSON without quoting it", async () => {
    const f = await failure(readJsonBody(post('{"body": "secret text",')));
    expect(f.status).toBe(400);
    expect(f.message).not.toContain("secret");
  });

  it("answers 400 for a non-JSON content type, a missing type or an empty body", async () => {
    expect((await failure(readJsonBody(post("{}", { "content-type": "text/plain" })))).status).toBe(400);
    expect((await failure(readJsonBody(post("a=1", { "content-type": "application/x-www-form-urlencoded" })))).status).toBe(400);
    expect((await failure(readJsonBody(new Request("http://localhost/", { method: "POST", body: new Blob(["{}"]) })))).status).toBe(400);
    expect((await failure(readJsonBody(post("  ")))).status).toBe(400);
    expect((await failure(readJsonBody(post(null)))).status).toBe(400);
  });

  it("answers 413 past the cap, whether or not Content-Length says so", async () => {
    const big = JSON.stringify({ body: "x".repeat(2000) });
    expect((await failure(readJsonBody(post(big), 1024))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("x".repeat(512)));
      },
    });
    const chunked = new Request("http://localhost/", { method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect((await failure(readJsonBody(chunked, 4096))).status).toBe(413);
  });

  it("recognises JSON media types only", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON;charset=UTF-8")).toBe(true);
    expect(isJsonContentType("application/problem+json")).toBe(true);
    expect(isJsonContentType("application/jsonp")).toBe(false);
    expect(isJsonContentType("text/json")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});
