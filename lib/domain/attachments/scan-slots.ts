/**
 * Scans and re-encodes run at most two at a time per instance: a burst of uploads must not
 * hold dozens of decoded 50-megapixel images in memory at once. p-limit, not a hand-written
 * semaphore: the one this replaces let a third job in when a slot freed just as a new job
 * arrived (its woken waiter did not re-check the count; scan-slots.test.ts).
 */
import pLimit from "p-limit";

export const scanSlotCount = 2;

/** Runs `work` in one of the scan slots, waiting in order for a free one. */
export const inScanSlot: <T>(work: () => Promise<T>) => Promise<T> = pLimit(scanSlotCount);
