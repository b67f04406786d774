"use client";

/**
 * Browser calls to the admin endpoints of API v1. The shared client
 * (components/api/api-client.ts) has no PUT or DELETE, which team memberships and a
 * member's concierge team use, so administration has this one; errors arrive the same way
 * (ApiError with the problem's `detail`, written for people).
 */
import { ApiError } from "@/components/api/api-client";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export async function adminRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/admin${path}`, {
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
    // A field error says more than the summary ("Choose a name no other team uses.").
    const first = data?.errors?.[0]?.message;
    const detail = data?.detail ?? "Something went wrong. Try again.";
    throw new ApiError(response.status, first && first !== detail ? `${detail} ${first}` : detail, data?.code);
  }
  return data as T;
}

export function errorText(error: unknown, fallback = "That did not work. Try again."): string {
  return error instanceof ApiError ? error.message : fallback;
}
