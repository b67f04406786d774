/**
 * A clamd of a test's own, on the signature database scripts/ci/ensure-clamav.sh wrote, so
 * a test can stop and start "the scanner" without disturbing the run's shared clamd.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const databaseDir = path.resolve(".test-data/clamav/db");

function clamdBinary(): string {
  for (const candidate of ["/usr/sbin/clamd", "/usr/bin/clamd"]) if (existsSync(candidate)) return candidate;
  throw new Error("clamd is not installed (scripts/ci/ensure-clamav.sh installs it)");
}

function answersPing(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection(socketPath);
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("connect", () => socket.write("zPING\0"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\0")) done(reply.startsWith("PONG"));
    });
    socket.on("error", () => done(false));
  });
}

export type PrivateClamd = { socketPath: string; start(): Promise<void>; stop(): void; dispose(): void };

export function privateClamd(): PrivateClamd {
  if (!existsSync(databaseDir)) throw new Error(`no test signature database at ${databaseDir}: run scripts/ci/ensure-clamav.sh first`);
  const dir = mkdtempSync(path.join(tmpdir(), "cc-clamd-"));
  const socketPath = path.join(dir, "s");
  const pidFile = path.join(dir, "pid");
  const conf = path.join(dir, "clamd.conf");
  writeFileSync(
    conf,
    [`LocalSocket ${socketPath}`, `PidFile ${pidFile}`, `DatabaseDirectory ${databaseDir}`, "Foreground no", "FixStaleSocket yes", "StreamMaxLength 25M", "MaxFileSize 30M", "MaxScanSize 120M", "AlertExceedsMax yes", "AlertEncrypted yes", "Bytecode no", `LogFile ${path.join(dir, "log")}`].join("\n") + "\n",
  );

  const stop = () => {
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    // Wait (synchronously, briefly) until it is gone, so "stopped" really means stopped.
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(pid, 0);
        spawnSync("sleep", ["0.1"]);
      } catch {
        break;
      }
    }
    rmSync(pidFile, { force: true });
    rmSync(socketPath, { force: true });
  };

  return {
    socketPath,
    async start() {
      const result = spawnSync(clamdBinary(), [`--config-file=${conf}`], { stdio: "ignore" });
      if (result.status !== 0) throw new Error(`clamd failed to start (exit ${result.status})`);
      for (let i = 0; i < 100; i++) {
        if (await answersPing(socketPath)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("private clamd does not answer");
    },
    stop,
    dispose() {
      stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
