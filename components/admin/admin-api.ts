"use client";

/** Browser calls to the admin endpoints of API v1: the shared client, with field errors in the message. */
import { ApiError, apiRequest, type ApiMethod } from "@/components/api/api-client";

export function adminRequest<T>(method: ApiMethod, path: string, body?: unknown): Promise<T> {
  return apiRequest<T>(method, `/admin${path}`, body, { withFieldError: true });
}

export function errorText(error: unknown, fallback = "That did not work. Try again."): string {
  return error instanceof ApiError ? error.message : fallback;
}
