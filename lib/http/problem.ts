/**
 * Errors as application/problem+json (RFC 9457). Unexpected errors are logged with an
 * event id and answered with a generic message: no stack, no SQL, no PHI leaves the server.
 */
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError, isAppError } from "../errors";
import { logger } from "../log/logger";

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
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
    return problem(error.status, error.message, { code: error.code, ...(error.issues ? { errors: error.issues } : {}) });
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return problem(422, "Some of the input is not valid.", { code: "INVALID_INPUT", errors: issues });
  }
  const eventId = randomUUID();
  // Log the error's name and stack only; error messages from drivers can quote values.
  logger.error({ eventId, name: (error as Error)?.name, stack: (error as Error)?.stack }, "unexpected error");
  return problem(500, "Something went wrong. Quote this event id if you contact support.", { eventId });
}

export function unauthenticated(): Response {
  return problemFromError(new AppError("UNAUTHENTICATED"));
}
