import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createLogger, logger } from "../log/logger";
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

describe("an unexpected error", () => {
  it("answers 500 with an event id, and logs the error's name, code and frames — never a line of its message", async () => {
    // A multi-line message, as Prisma's are: every line of it, not only the first, is kept out.
    const phi = "Jane Roe, DOB 1961-04-02";
    const error = Object.assign(new Error(`Invalid \`prisma.message.create()\` invocation:\n\n  body: "${phi}"\n`), { code: "P2000" });
    const lines: string[] = [];
    const capture = createLogger(new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString("utf8")), done()) }));
    const spy = vi.spyOn(logger, "error").mockImplementation((details, message) => capture.error(details, message));
    try {
      const response = problemFromError(error);
      expect(response.status).toBe(500);
      const body = (await response.json()) as { eventId: string; detail: string };
      expect(JSON.stringify(body)).not.toContain("Jane");
      const logged = JSON.parse(lines.join("")) as { eventId: string; err: { type: string; code: string; frames: string[] } };
      expect(logged).toMatchObject({ eventId: body.eventId, err: { type: "Error", code: "P2000" } });
      expect(logged.err.frames[0]).toMatch(/problem\.test\.ts:\d+:\d+\)?$/);
      expect(lines.join("")).not.toContain("Jane");
      expect(lines.join("")).not.toContain("body:");
    } finally {
      spy.mockRestore();
    }
  });
});
