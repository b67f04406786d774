/**
 * Asks a ClamAV daemon whether it is alive (clamd's PING command). Used by the health check.
 * Also where the daemon is found (scannerTarget), shared with scan-bytes.ts.
 */
import { existsSync } from "node:fs";
import net from "node:net";
import { getEnv } from "../env";

export type ScannerHealth = "ok" | "unavailable" | "not_installed";

const defaultSockets = ["/run/clamav/clamd.ctl", "/var/run/clamav/clamd.ctl"];

export type Target = { path: string } | { host: string; port: number };

/** The configured daemon (CLAMD_SOCKET, else CLAMD_HOST/CLAMD_PORT), else Debian's socket if present. */
export function scannerTarget(): Target | null {
  const env = getEnv();
  if (env.CLAMD_SOCKET) return { path: env.CLAMD_SOCKET };
  if (env.CLAMD_HOST) return { host: env.CLAMD_HOST, port: env.CLAMD_PORT };
  const found = defaultSockets.find((p) => existsSync(p));
  return found ? { path: found } : null;
}

export function pingClamd(target: Target, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection(target);
    let answer = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on("connect", () => socket.write("zPING\0"));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (answer.includes("\0") || answer.includes("\n")) done(answer.startsWith("PONG"));
    });
    socket.on("end", () => done(answer.startsWith("PONG")));
    socket.on("error", () => done(false));
  });
}

/**
 * "not_installed" when no daemon is configured and none is found at the usual socket:
 * the embedded default on a machine without ClamAV (attachments then stay quarantined).
 * A configured or installed daemon that does not answer is "unavailable".
 */
export async function checkScannerHealth(): Promise<ScannerHealth> {
  const target = scannerTarget();
  if (!target) return "not_installed";
  return (await pingClamd(target)) ? "ok" : "unavailable";
}
