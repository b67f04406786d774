/** The background job that scans a quarantined attachment, and its retry budget. */
export const scanJobType = "attachment.scan";

/**
 * With the back-off capped at 10 minutes (jobs/job-types.ts), 60 attempts keep retrying for
 * roughly nine hours of scanner outage before the file is marked FAILED and the uploader is
 * asked to send it again.
 */
export const scanJobMaxAttempts = 60;

export function scanJobPayload(payload: unknown): { attachmentId: string } | null {
  if (typeof payload !== "object" || payload === null) return null;
  const id = (payload as { attachmentId?: unknown }).attachmentId;
  return typeof id === "string" ? { attachmentId: id } : null;
}
