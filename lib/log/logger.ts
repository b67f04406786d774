/**
 * Structured logs (pino). ⚠ Never log PHI: message bodies, file contents, health tags,
 * names alongside health data. The redaction list is a safety net, not a licence.
 *
 * Created on first use, so that importing a module never reads configuration (Next.js
 * imports route modules at build time, when production settings are absent).
 */
import pino, { type Logger } from "pino";
import { getEnv } from "../env";

let instance: Logger | undefined;

function get(): Logger {
  instance ??= pino({
    level: getEnv().LOG_LEVEL,
    base: { service: "concierge" },
    redact: {
      paths: [
        "body", "*.body", "password", "*.password", "passwordHash", "*.passwordHash",
        "healthTags", "*.healthTags", "authorization", "*.authorization", "cookie", "*.cookie",
        "req.headers.authorization", "req.headers.cookie", "err", "error", "message", "stack", "*.message", "*.stack",
      ],
      censor: "[redacted]",
    },
  });
  return instance;
}

type LogFn = (details: Record<string, unknown>, message: string) => void;

export const logger: { error: LogFn; warn: LogFn; info: LogFn; debug: LogFn } = {
  error: (details, message) => get().error(details, message),
  warn: (details, message) => get().warn(details, message),
  info: (details, message) => get().info(details, message),
  debug: (details, message) => get().debug(details, message),
};
