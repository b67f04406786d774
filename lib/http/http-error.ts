/**
 * A transport-level failure that has no AppError code (AppError's codes are the domain's
 * closed set): a body too large to read, for example. problemFromError answers it with its
 * own status. Domain code never throws this.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}
