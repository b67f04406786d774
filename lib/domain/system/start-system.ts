/**
 * Opens the database at server start (migrations and demo seeding run then), so the first
 * request does not pay for it and a broken configuration fails at start, not later.
 */
import { getDb } from "../../db/client";
import { getEnv } from "../../env";

export async function startSystem(): Promise<void> {
  getEnv();
  await getDb();
}
