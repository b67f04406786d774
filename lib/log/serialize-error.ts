/**
 * ⚠ SECURITY: how an error is logged — its class, its code and its stack FRAMES (function
 * names, file:line:column), never its message. A message can carry PHI: database drivers
 * quote the values of a row (Prisma's "Invalid `prisma.user.create()` invocation: …", a
 * pg constraint message), a parser quotes the text it choked on. The first lines of a V8
 * stack repeat the message (several lines when the message has newlines), so the stack is
 * cut to the frames after the message, and only lines shaped like frames are kept.
 *
 * The cause chain (`error.cause`) and an AggregateError's `errors` are logged the same way.
 * Used by lib/log/logger.ts as pino's serializer for `err` and `error`, and by
 * lib/http/problem.ts for unexpected errors.
 */

export type SerializedError = {
  /** The error's name (TypeError, PrismaClientKnownRequestError, …), else its kind. */
  type: string;
  /** A machine code (P2002, 23505, ENOENT, ERR_…) when it has the shape of one. */
  code?: string | number;
  /** `at fn (file:line:col)` lines, without the message. */
  frames: string[];
  cause?: SerializedError;
  errors?: SerializedError[];
};

const maxFrames = 30;
const maxDepth = 5;
const maxAggregated = 5;
/** Codes are identifiers; anything else might be text someone wrote. */
const codePattern = /^[A-Za-z0-9_.:-]{1,64}$/;
/** `at name (location)` or `at location`, where a location ends in :line:col or is native/anonymous. */
const framePattern = /^at (?:(?:async |new )?[^\s()]+(?: \[as [^\s\]]+\])? \((?:[^()]+:\d+:\d+|native|<anonymous>|index \d+)\)|(?:async )?[^()]+:\d+:\d+|<anonymous>|native)$/;
/** Error names are identifiers; a custom name with spaces or quotes is not trusted. */
const namePattern = /^[A-Za-z_$][A-Za-z0-9_$.]{0,99}$/;

function typeOf(value: unknown): string {
  if (value instanceof Error || (typeof value === "object" && value !== null && "name" in value)) {
    const name = (value as { name?: unknown }).name;
    if (typeof name === "string" && namePattern.test(name)) return name;
    const ctor = (value as object).constructor?.name;
    if (typeof ctor === "string" && namePattern.test(ctor)) return ctor;
    return "Error";
  }
  return value === null ? "null" : typeof value;
}

function framesOf(value: unknown): string[] {
  const stack = (value as { stack?: unknown } | null)?.stack;
  if (typeof stack !== "string") return [];
  let rest = stack;
  // V8 starts the stack with String(error) = "name: message" (the message may span lines):
  // drop exactly that, so no line of the message can pass for a frame.
  try {
    const header = String(value);
    if (rest.startsWith(header)) rest = rest.slice(header.length);
  } catch {
    // A hostile toString: fall back to the frame shape alone.
  }
  const frames: string[] = [];
  for (const line of rest.split("\n")) {
    const trimmed = line.trim();
    if (framePattern.test(trimmed)) frames.push(trimmed);
    if (frames.length === maxFrames) break;
  }
  return frames;
}

export function serializeError(value: unknown, depth = 0): SerializedError {
  const out: SerializedError = { type: typeOf(value), frames: framesOf(value) };
  if (typeof value !== "object" || value === null) return out;
  const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
  if ((typeof code === "string" && codePattern.test(code)) || (typeof code === "number" && Number.isFinite(code))) out.code = code;
  if (depth < maxDepth && cause !== undefined && cause !== null) out.cause = serializeError(cause, depth + 1);
  if (depth < maxDepth && Array.isArray(errors)) out.errors = errors.slice(0, maxAggregated).map((e) => serializeError(e, depth + 1));
  return out;
}
