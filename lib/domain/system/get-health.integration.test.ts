/**
 * The public health routes against the real database and the real local document storage
 * (this run's DATA_DIR): /api/health and /api/health/ready share one deep check per
 * HEALTH_CACHE_SECONDS, so a flood of calls writes at most one storage probe; /api/health/live
 * touches nothing. The storage adapter's own checkHealth (the write-read-delete of a probe
 * object) is counted with a spy that calls through to it.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as health } from "../../../app/api/health/route";
import { GET as live } from "../../../app/api/health/live/route";
import { GET as ready } from "../../../app/api/health/ready/route";
import { getEnv } from "../../env";
import { getDocumentStorage } from "../../storage/document-storage";

const realNow = Date.now.bind(Date);
let offset = 0;

/** Moves the clock past the cache period, so the next call runs a fresh deep check. */
function expireCache() {
  offset += getEnv().HEALTH_CACHE_SECONDS * 1000 + 1;
}

let storageChecks: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + offset);
  expireCache();
  storageChecks = vi.spyOn(getDocumentStorage(), "checkHealth");
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("GET /api/health", () => {
  it("50 calls, 25 of them at once, cost one storage probe and keep the public contract", async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, () => health()));
    for (let i = 0; i < 25; i++) answers.push(await health());
    expect(storageChecks).toHaveBeenCalledTimes(1);
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    const body = (await answers[49]!.json()) as { status: string; checks: Record<string, string> };
    expect(body.checks).toMatchObject({ database: "ok", storage: "ok" });
    expect(Object.keys(body.checks).sort()).toEqual(["database", "scanner", "storage"]);
    expect(body.status).toBe(body.checks.scanner === "unavailable" ? "degraded" : "ok");

    // The next cache period runs one more deep check, then answers from it again.
    expireCache();
    await Promise.all([health(), ready(), health()]);
    expect(storageChecks).toHaveBeenCalledTimes(2);
  });
});

describe("GET /api/health/ready", () => {
  it("shares the cached check, and answers 503 while storage really fails", async () => {
    // A file where the probe's folder must go: every write under it fails (ENOTDIR).
    const root = path.resolve(getEnv().DATA_DIR, "documents");
    mkdirSync(root, { recursive: true });
    rmSync(path.join(root, "health"), { recursive: true, force: true });
    writeFileSync(path.join(root, "health"), "not a folder");
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => ready()));
      expect(storageChecks).toHaveBeenCalledTimes(1);
      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(503));
      expect(await answers[0]!.json()).toMatchObject({ status: "degraded", checks: { database: "ok", storage: "unavailable" } });
      // The public route still answers (200, degraded: the database is up), from the same check.
      const res = await health();
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "degraded", checks: { storage: "unavailable" } });
      expect(storageChecks).toHaveBeenCalledTimes(1);
    } finally {
      rmSync(path.join(root, "health"), { force: true });
    }
    expireCache();
    const again = await ready();
    const body = (await again.json()) as { status: string; checks: Record<string, string> };
    expect(body.checks.storage).toBe("ok");
    expect(again.status).toBe(body.status === "ok" ? 200 : 503);
  });
});

describe("GET /api/health/live", () => {
  it("answers that the process is up without touching storage (or anything else)", async () => {
    for (let i = 0; i < 50; i++) {
      const res = live();
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    }
    expect(storageChecks).not.toHaveBeenCalled();
  });
});
