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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  const data = (await response.json().catch(() => null)) as (T & { detail?: string; code?: string }) | null;
  if (!response.ok) {
    throw new ApiError(response.status, data?.detail ?? "Something went wrong. Try again.", data?.code);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T = null>(path: string) => request<T>("DELETE", path),
};

/** A client message id: the idempotency key of one send, reused by its retries. */
export function newClientMessageId(): string {
  return crypto.randomUUID();
}
