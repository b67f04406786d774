/**
 * The fail-closed rules of scanBytes against fake daemons that speak just enough of clamd's
 * INSTREAM protocol to give the answers a real one rarely gives (garbage, silence, a hang-up).
 * The real clamd is exercised in scan-bytes.integration.test.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanBytes } from "./scan-bytes";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "concierge-fake-clamd-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Fake = { socket: string; closedConnections: () => number; close: () => Promise<void> };

/**
 * Answers `reply` (NUL-terminated, then hangs up) once the INSTREAM terminator (a zero-length
 * chunk) has arrived; `reply: null` never answers, `"hang-up"` closes without a word.
 */
async function fakeClamd(reply: string | null | "hang-up"): Promise<Fake> {
  const socketPath = path.join(dir, `fake-${Math.random().toString(36).slice(2)}.sock`);
  let closed = 0;
  const connections = new Set<net.Socket>();
  const server = net.createServer((conn) => {
    let received = Buffer.alloc(0);
    connections.add(conn);
    conn.on("close", () => (closed += 1));
    conn.on("error", () => {});
    if (reply === "hang-up") return void conn.destroy();
    conn.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const ended = received.length >= 14 && received.subarray(-4).equals(Buffer.alloc(4));
      if (ended && reply !== null) conn.end(`${reply}\0`);
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socket: socketPath,
    closedConnections: () => closed,
    close: () => {
      for (const conn of connections) conn.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function scanWith(reply: string | null | "hang-up", options: { timeoutMs?: number } = {}) {
  const fake = await fakeClamd(reply);
  try {
    return await scanBytes(Buffer.from("some bytes"), { target: { path: fake.socket }, ...options });
  } finally {
    await fake.close();
  }
}

describe("scanBytes fails closed", () => {
  it("is clean only on clamd's OK", async () => {
    expect(await scanWith("stream: OK")).toEqual({ verdict: "clean" });
  });

  it("reports a FOUND reply as infected with its signature", async () => {
    expect(await scanWith("stream: Win.Test.EICAR_HDB-1 FOUND")).toEqual({ verdict: "infected", signature: "Win.Test.EICAR_HDB-1" });
  });

  it("treats a reply it does not understand as unclear, not clean", async () => {
    expect(await scanWith("stream: maybe")).toEqual({ verdict: "error", reason: "unclear" });
    expect(await scanWith("UNKNOWN COMMAND")).toEqual({ verdict: "error", reason: "unclear" });
    expect(await scanWith("stream: Can't allocate memory ERROR")).toEqual({ verdict: "error", reason: "unclear" });
  });

  it("treats a hang-up without an answer as an error", async () => {
    expect(await scanWith("hang-up")).toMatchObject({ verdict: "error" });
  });

  it("maps clamd's size-limit and read time-out replies", async () => {
    expect(await scanWith("INSTREAM size limit exceeded. ERROR")).toEqual({ verdict: "error", reason: "too_large" });
    expect(await scanWith("COMMAND READ TIMED OUT")).toEqual({ verdict: "error", reason: "timeout" });
  });

  it("gives up at the deadline on a daemon that never answers, and closes the connection", async () => {
    const fake = await fakeClamd(null);
    try {
      const started = Date.now();
      const result = await scanBytes(Buffer.from("some bytes"), { target: { path: fake.socket }, timeoutMs: 300 });
      expect(result).toEqual({ verdict: "error", reason: "timeout" });
      expect(Date.now() - started).toBeLessThan(2_000);
      await expect.poll(fake.closedConnections).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it("refuses oversize and empty input without asking the daemon", async () => {
    const target = { path: path.join(dir, "never-asked.sock") };
    expect(await scanBytes(Buffer.alloc(11), { target, maxBytes: 10 })).toEqual({ verdict: "error", reason: "too_large" });
    expect(await scanBytes(new Uint8Array(0), { target })).toEqual({ verdict: "error", reason: "unclear" });
  });

  it("answers unavailable when there is no daemon to ask", async () => {
    expect(await scanBytes(Buffer.from("x"), { target: null, binary: null })).toEqual({ verdict: "error", reason: "unavailable" });
    expect(await scanBytes(Buffer.from("x"), { target: { path: path.join(dir, "nothing-here.sock") } })).toEqual({ verdict: "error", reason: "unavailable" });
  });
});
