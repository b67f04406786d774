import { getEnv } from "../../env";

export type AttachmentLimits = { maxBytes: number; maxPerMessage: number };

export function attachmentLimits(): AttachmentLimits {
  const env = getEnv();
  return { maxBytes: env.ATTACHMENT_MAX_BYTES, maxPerMessage: env.ATTACHMENT_MAX_PER_MESSAGE };
}

/** "20 MB": limits are configured in bytes and told in decimal megabytes, as phones show sizes. */
export function formatLimit(bytes: number): string {
  const mb = bytes / 1_000_000;
  return mb >= 1 ? `${Math.floor(mb * 10) / 10} MB` : `${Math.floor(bytes / 1000)} KB`;
}

export function tooLargeMessage(maxBytes: number): string {
  return `Files are limited to ${formatLimit(maxBytes)}.`;
}
