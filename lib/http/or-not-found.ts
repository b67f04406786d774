import { notFound } from "next/navigation";
import { isAppError } from "../errors";

/** For pages: a record that is missing or outside the actor's scope renders the 404 page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
