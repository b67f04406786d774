/**
 * Errors as application/problem+json (RFC 9457). Unexpected errors are logged with an
 * event id and answered with a generic message: no stack, no SQL, no PHI leaves the server.
 */
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError, BusyError, isAppError } from "../errors";
import { logger } from "../log/logger";
import { isHttpError } from "./http-error";

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  422: "Invalid input",
  429: "Too many requests",
  500: "Internal error",
  503: "Unavailable",
};

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { type: "about:blank", title: titles[status] ?? "Error", status, detail, ...extra },
    { status, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } },
  );
}

export function problemFromError(error: unknown): Response {
  if (isAppError(error)) {
    const response = problem(error.status, error.message, { code: error.code, ...(error.issues ? { errors: error.issues } : {}) });
    if (error instanceof BusyError) response.headers.set("retry-after", String(error.retryAfterSeconds));
    return response;
  }
  if (isHttpError(error)) {
    return problem(error.status, error.message, { code: error.code });
  }
  if (error instanceof ZodError) {
    const issues = error.issues.flatMap((i) =>
      // An unknown field is reported at the field itself, so clients can point at it.
      i.code === "unrecognized_keys"
        ? i.keys.map((raw) => {
            const key = raw.slice(0, 100);
            return { path: [...i.path, key].join("."), message: `Unknown field "${key}".` };
          })
        : [{ path: i.path.join("."), message: i.message }],
    );
    return problem(422, "Some of the input is not valid.", { code: "INVALID_INPUT", errors: issues });
  }
  const eventId = randomUUID();
  // ⚠ Logged as its name, code, stack FRAMES and causes only (lib/log/serialize-error.ts):
  // the message of a database driver can quote the values of a row, over several lines.
  logger.error({ eventId, err: error }, "unexpected error");
  return problem(500, "Something went wrong. Quote this event id if you contact support.", { eventId });
}

export function unauthenticated(): Response {
  return problemFromError(new AppError("UNAUTHENTICATED"));
}
