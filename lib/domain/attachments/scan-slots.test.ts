import { describe, expect, it } from "vitest";
import { inScanSlot, scanSlotCount } from "./scan-slots";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("inScanSlot", () => {
  it("admits no third job when a slot frees just as new jobs arrive (limit 2)", async () => {
    // The hand-written semaphore this replaced let 3 in here: its woken waiter did not re-check the count.
    expect(scanSlotCount).toBe(2);
    let inside = 0;
    let most = 0;
    const job = (finish: Promise<void>) => async () => {
      most = Math.max(most, ++inside);
      await finish;
      inside--;
    };
    let releaseFirst!: () => void;
    const all = [inScanSlot(job(new Promise<void>((resolve) => (releaseFirst = resolve)))), inScanSlot(job(sleep(20))), inScanSlot(job(sleep(5)))];
    await sleep(1);
    // The first job ends while other callers keep arriving, one on each of the next microtasks
    // (uploads whose scans start in the same moment).
    releaseFirst();
    const arrive = (left: number): void => {
      all.push(inScanSlot(job(sleep(5))));
      if (left > 0) queueMicrotask(() => arrive(left - 1));
    };
    queueMicrotask(() => arrive(10));
    await Promise.all(all.slice(0, 3));
    await Promise.all(all);
    expect(all).toHaveLength(14);
    expect(most).toBe(2);
  });

  it("runs everyone, in order, and frees the slot when the work fails", async () => {
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => inScanSlot(async () => (await sleep(1), i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    await expect(inScanSlot(() => Promise.reject(new Error("x")))).rejects.toThrow("x");
    await expect(inScanSlot(async () => "ok")).resolves.toBe("ok");
  });
});
