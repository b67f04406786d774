/**
 * Opens the database at server start (migrations and demo seeding run then), so the first
 * request does not pay for it and a broken configuration fails at start, not later. Then
 * starts this instance's background job worker (unless JOB_WORKER=0) and its realtime relay.
 */
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { startJobWorker } from "../jobs/job-worker";
import { getRelay } from "../../realtime/relay";

export async function startSystem(): Promise<void> {
  const env = getEnv();
  await getDb();
  if (env.JOB_WORKER) startJobWorker();
  // Every instance relays realtime events (one of them stamps, under an advisory lock).
  await getRelay().start();
}
