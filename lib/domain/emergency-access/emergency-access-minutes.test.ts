import { afterEach, describe, expect, it, vi } from "vitest";

async function loadEnv() {
  vi.resetModules();
  return (await import("../../env")).getEnv();
}

describe("EMERGENCY_ACCESS_MINUTES", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to 30 minutes", async () => {
    vi.stubEnv("EMERGENCY_ACCESS_MINUTES", undefined);
    expect((await loadEnv()).EMERGENCY_ACCESS_MINUTES).toBe(30);
  });

  it("accepts 5 to 240 minutes", async () => {
    vi.stubEnv("EMERGENCY_ACCESS_MINUTES", "5");
    expect((await loadEnv()).EMERGENCY_ACCESS_MINUTES).toBe(5);
    vi.stubEnv("EMERGENCY_ACCESS_MINUTES", "240");
    expect((await loadEnv()).EMERGENCY_ACCESS_MINUTES).toBe(240);
  });

  it("names the variable when the value is out of range or not a number", async () => {
    for (const value of ["4", "241", "half an hour", "7.5"]) {
      vi.stubEnv("EMERGENCY_ACCESS_MINUTES", value);
      await expect(loadEnv()).rejects.toThrow(/EMERGENCY_ACCESS_MINUTES/);
    }
  });
});
