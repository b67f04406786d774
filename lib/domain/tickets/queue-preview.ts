/** How much of the member's latest message the queue shows (the same rule as list-queue-tickets.ts). */
export const queuePreviewLength = 120;

export function toQueuePreview(body: string): string {
  const chars = Array.from(body.replace(/\s+/g, " ").trim());
  return chars.length <= queuePreviewLength ? chars.join("") : `${chars.slice(0, queuePreviewLength).join("").trimEnd()}…`;
}
