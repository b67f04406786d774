/**
 * ⚠ SECURITY: an error logged as `{ err }` keeps what helps to find the fault — its class,
 * code, stack frames (function, file:line) and its causes — and never its message, which can
 * quote PHI (database values). Through the app's real pino options (serializers, then
 * redaction), captured as the JSON lines pino writes.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { serializeError } from "./serialize-error";

const phi = "Jane Roe, DOB 1961-04-02, diagnosis: type 2 diabetes";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger(stream);
  return { log, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

class DatabaseError extends Error {
  code = "P2002";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseError";
  }
}

function failingQuery(): never {
  // Multi-line like a Prisma message, with a line that imitates a stack frame.
  throw new DatabaseError(`Invalid \`prisma.user.create()\` invocation:\n\n  value: "${phi}"\n    at ${phi} (forged.ts:1:1)`, {
    cause: Object.assign(new Error(`duplicate key value: (${phi})`), { code: "23505" }),
  });
}

describe("logging an error", () => {
  it("logs name, code, frames and the cause chain — not the message text", () => {
    const { log, lines, entries } = capture();
    try {
      failingQuery();
    } catch (err) {
      log.error({ err, eventId: "e-1" }, "unexpected error");
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("Jane Roe");
    expect(lines[0]).not.toContain("diabetes");
    expect(lines[0]).not.toContain("forged.ts");
    expect(lines[0]).not.toContain("[redacted]");
    const entry = entries()[0]!;
    expect(entry).toMatchObject({ msg: "unexpected error", eventId: "e-1", err: { type: "DatabaseError", code: "P2002", cause: { type: "Error", code: "23505" } } });
    const err = entry.err as { frames: string[]; cause: { frames: string[] } };
    // The frame of the function that threw, with file and line.
    expect(err.frames[0]).toMatch(/^at failingQuery \(.*logger\.test\.ts:\d+:\d+\)$/);
    expect(err.cause.frames.length).toBeGreaterThan(0);
  });

  it("treats `error` the same way, and non-errors by their kind", () => {
    const { log, lines, entries } = capture();
    log.warn({ error: new TypeError(phi) }, "failed");
    log.warn({ err: phi }, "failed");
    expect(lines.join("\n")).not.toContain("Jane Roe");
    expect(entries()[0]).toMatchObject({ error: { type: "TypeError" } });
    expect(entries()[1]).toMatchObject({ err: { type: "string", frames: [] } });
  });

  it("still redacts message text given outside an error", () => {
    const { log, lines } = capture();
    log.info({ message: phi, body: phi, details: { message: phi } }, "context");
    expect(lines[0]).not.toContain("Jane Roe");
  });
});

describe("serializeError", () => {
  it("refuses codes and names that are not identifiers", () => {
    const e = Object.assign(new Error("x"), { code: `bad code ${phi}`, name: `Name ${phi}` });
    const s = serializeError(e);
    expect(s.code).toBeUndefined();
    expect(s.type).toBe("Error");
    expect(JSON.stringify(s)).not.toContain("Jane");
  });

  it("follows AggregateError members and stops at a cycle's depth", () => {
    const a = new Error(phi);
    const cyclic = new Error(phi) as Error & { cause?: unknown };
    cyclic.cause = cyclic;
    const s = serializeError(new AggregateError([a, cyclic], phi));
    expect(s.type).toBe("AggregateError");
    expect(s.errors).toHaveLength(2);
    expect(JSON.stringify(s)).not.toContain("Jane");
  });

  it("keeps V8 frame shapes: async, new, [as], native and file URLs", () => {
    const e = new Error("m");
    e.stack = [
      "Error: m",
      "    at async Promise.all (index 0)",
      "    at new Thing (/srv/app/thing.js:3:9)",
      "    at Object.run [as handler] (file:///srv/app/run.mjs:10:2)",
      "    at Array.map (<anonymous>)",
      "    at /srv/app/anon.js:1:1",
    ].join("\n");
    expect(serializeError(e).frames).toEqual([
      "at async Promise.all (index 0)",
      "at new Thing (/srv/app/thing.js:3:9)",
      "at Object.run [as handler] (file:///srv/app/run.mjs:10:2)",
      "at Array.map (<anonymous>)",
      "at /srv/app/anon.js:1:1",
    ]);
  });
});
