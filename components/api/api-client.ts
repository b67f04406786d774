"use client";

/**
 * Browser-side calls to API v1. Errors arrive as problem+json; the message shown to the
 * user is the problem's `detail`, which the server writes for people.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  constructor(status: number, message: string, code?: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export type ApiMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * One call to `/api/v1{path}`. `withFieldError` adds the first field error to the message
 * (forms that show one line: "Choose a name no other team uses.").
 */
export async function apiRequest<T>(method: ApiMethod, path: string, body?: unknown, options: { withFieldError?: boolean } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json", accept: "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "You appear to be offline. Check your connection and try again.");
  }
  if (response.status === 401) {
    window.location.assign("/sign-in");
    throw new ApiError(401, "Please sign in again.");
  }
  const data = (await response.json().catch(() => null)) as (T & { detail?: string; code?: string; errors?: { path: string; message: string }[] }) | null;
  if (!response.ok) {
    const detail = data?.detail ?? "Something went wrong. Try again.";
    const first = options.withFieldError ? data?.errors?.[0]?.message : undefined;
    throw new ApiError(response.status, first && first !== detail ? `${detail} ${first}` : detail, data?.code);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>("GET", path),
  post: <T>(path: string, body: unknown) => apiRequest<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => apiRequest<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => apiRequest<T>("PUT", path, body),
  delete: <T = null>(path: string) => apiRequest<T>("DELETE", path),
};

/** A client message id: the idempotency key of one send, reused by its retries. */
export function newClientMessageId(): string {
  return crypto.randomUUID();
}
