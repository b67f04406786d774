/**
 * At most one typing event per person and thread every `typingThrottleMs` (per instance; a
 * client that hops instances could at worst double the rate of a harmless hint).
 */
import { typingThrottleMs } from "./event-types";

const last = new Map<string, number>();

export function admitTyping(userId: string, threadId: string, now: number = Date.now()): boolean {
  const key = `${userId}:${threadId}`;
  const previous = last.get(key);
  if (previous !== undefined && now - previous < typingThrottleMs) return false;
  last.set(key, now);
  // Keep the map small: forget entries that can no longer throttle anything.
  if (last.size > 10_000) {
    for (const [k, at] of last) if (now - at >= typingThrottleMs) last.delete(k);
  }
  return true;
}
