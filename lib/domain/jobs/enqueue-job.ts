/**
 * The data of a new job row, for callers that write it inside their own batch transaction
 * (so the job exists exactly when the change that needs it committed).
 */
import type { Prisma } from "../../db/generated/client";
import { uuid7 } from "../shared/uuid7";

export function jobData(type: string, payload: Prisma.InputJsonValue, options: { runAt?: Date; maxAttempts?: number } = {}): Prisma.JobCreateInput {
  const now = new Date();
  return { id: uuid7(now.getTime()), type, payload, runAt: options.runAt ?? now, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) };
}
