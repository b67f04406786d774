/**
 * A page's list read with a cursor taken from the address bar (review finding 7). A cursor
 * is opaque: one that was mangled, shortened, forged or made overlong is refused by the
 * domain layer (AppError BAD_REQUEST / INVALID_INPUT, or the ZodError of its input schema).
 * A page then sends the reader back to its first page — never an error page. Only when a
 * cursor was given: without one the same error is a real fault and is thrown on.
 */
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { isAppError } from "../errors";

function isUnreadableInput(error: unknown): boolean {
  return error instanceof ZodError || (isAppError(error) && (error.code === "BAD_REQUEST" || error.code === "INVALID_INPUT"));
}

/** Runs `load`; an unreadable cursor redirects to `firstPage` (the page's address without it). */
export async function loadWithCursorOrStartOver<T>(cursor: string | undefined, firstPage: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (cursor !== undefined && isUnreadableInput(error)) redirect(firstPage);
    throw error;
  }
}
