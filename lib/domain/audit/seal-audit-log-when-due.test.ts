import { beforeEach, describe, expect, it, vi } from "vitest";

const sealAuditLog = vi.fn();
const logError = vi.fn();
vi.mock("./seal-audit-log", () => ({ sealAuditLog: (...args: unknown[]) => sealAuditLog(...args) }));
vi.mock("../../log/logger", () => ({ logger: { error: (...args: unknown[]) => logError(...args) } }));

async function freshSchedule() {
  vi.resetModules();
  return (await import("./seal-audit-log-when-due")).sealAuditLogWhenDue;
}

describe("sealAuditLogWhenDue", () => {
  beforeEach(() => {
    sealAuditLog.mockReset();
    logError.mockReset();
  });

  it("runs a pass at most every 5 s, with a full sweep first and then hourly", async () => {
    sealAuditLog.mockResolvedValue({ sealed: 0, busy: false, drained: true });
    const due = await freshSchedule();
    const t0 = 10 * 3_600_000;
    await due(t0);
    await due(t0 + 1_000); // too soon
    await due(t0 + 5_000);
    await due(t0 + 3_600_000);
    expect(sealAuditLog.mock.calls.map(([o]) => (o as { fullSweep: boolean }).fullSweep)).toEqual([true, false, true]);
    expect(sealAuditLog.mock.calls[0]![0]).toMatchObject({ timeBudgetMs: 2_000 });
  });

  it("sweeps again when a sweep did not reach the end", async () => {
    sealAuditLog.mockResolvedValueOnce({ sealed: 500, busy: false, drained: false }).mockResolvedValue({ sealed: 0, busy: false, drained: true });
    const due = await freshSchedule();
    await due(100_000_000);
    await due(100_005_000);
    await due(100_010_000);
    expect(sealAuditLog.mock.calls.map(([o]) => (o as { fullSweep: boolean }).fullSweep)).toEqual([true, true, false]);
  });

  it("never throws: a failed pass is logged without its message and retried later", async () => {
    sealAuditLog.mockRejectedValueOnce(Object.assign(new Error("value 'secret' violates"), { name: "DriverError" })).mockResolvedValue({ sealed: 1, busy: false, drained: true });
    const due = await freshSchedule();
    await expect(due(200_000_000)).resolves.toBeUndefined();
    expect(logError).toHaveBeenCalledWith({ errorName: "DriverError" }, expect.any(String));
    expect(JSON.stringify(logError.mock.calls)).not.toContain("secret");
    await due(200_005_000);
    expect(sealAuditLog).toHaveBeenCalledTimes(2);
  });

  it("logs an error when the lock has been taken at every pass for 5 minutes, not before, and not at every pass", async () => {
    sealAuditLog.mockResolvedValue({ sealed: 0, busy: true, drained: false });
    const due = await freshSchedule();
    const t0 = 300_000_000;
    for (let t = t0; t < t0 + 5 * 60_000; t += 5_000) await due(t);
    expect(logError).not.toHaveBeenCalled();
    await due(t0 + 5 * 60_000);
    expect(logError).toHaveBeenCalledTimes(1);
    expect(logError.mock.calls[0]![0]).toMatchObject({ busyForSeconds: 300 });
    await due(t0 + 5 * 60_000 + 5_000);
    expect(logError).toHaveBeenCalledTimes(1);
  });

  it("a pass that gets the lock resets the count", async () => {
    const due = await freshSchedule();
    const t0 = 400_000_000;
    sealAuditLog.mockResolvedValue({ sealed: 0, busy: true, drained: false });
    for (let t = t0; t < t0 + 4 * 60_000; t += 5_000) await due(t);
    sealAuditLog.mockResolvedValueOnce({ sealed: 1, busy: false, drained: true });
    await due(t0 + 4 * 60_000);
    for (let t = t0 + 4 * 60_000 + 5_000; t < t0 + 8 * 60_000; t += 5_000) await due(t);
    expect(logError).not.toHaveBeenCalled();
  });
});
