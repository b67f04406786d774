/**
 * Expected failures carry one of a closed set of codes; the API maps each to an HTTP
 * status and the UI shows the message. Anything that is not an AppError is a bug: it is
 * logged with an event id and answered with a generic message.
 */
export const errorStatus = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  BAD_REQUEST: 400,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const defaultMessages: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in.",
  FORBIDDEN: "You do not have permission to do that.",
  NOT_FOUND: "Not found.",
  CONFLICT: "That conflicts with the current state. Reload and try again.",
  INVALID_INPUT: "Some of the input is not valid.",
  BAD_REQUEST: "The request could not be read.",
  RATE_LIMITED: "Too many attempts. Wait a few minutes and try again.",
  UNAVAILABLE: "The service is temporarily unavailable.",
};

export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message?: string, issues?: FieldIssue[]) {
    super(message ?? defaultMessages[code]);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/**
 * "Busy, try again shortly": an expected 503 whose answer carries Retry-After
 * (lib/http/problem.ts). For work refused up front rather than queued without bound.
 */
export class BusyError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super("UNAVAILABLE", message);
    this.name = "BusyError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
