import { afterEach, describe, expect, it, vi } from "vitest";

async function loadRoute() {
  vi.resetModules();
  return import("./route");
}

describe("GET /api/bench/bare", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("answers 404 unless BENCH_BARE_ROUTE is set", async () => {
    vi.stubEnv("BENCH_BARE_ROUTE", "");
    const off = (await loadRoute()).GET();
    expect(off.status).toBe(404);
    expect(await off.text()).toBe("");
  });

  it("answers a constant JSON body when BENCH_BARE_ROUTE=1", async () => {
    vi.stubEnv("BENCH_BARE_ROUTE", "1");
    const on = (await loadRoute()).GET();
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ status: "ok", bench: "bare" });
  });
});
