/**
 * Structured logs (pino). ⚠ Never log PHI: message bodies, file contents, health tags,
 * names alongside health data. The redaction list is a safety net, not a licence.
 *
 * Errors are logged as `{ err }` (or `{ error }`) through serializeError: their class, code,
 * stack frames and cause chain, never their message text (which can quote database values).
 *
 * Created on first use, so that importing a module never reads configuration (Next.js
 * imports route modules at build time, when production settings are absent).
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { getEnv } from "../env";
import { serializeError } from "./serialize-error";

let instance: Logger | undefined;

/** The options of the app's logger (exported for its test, which logs to a capture). */
export function loggerOptions(): LoggerOptions {
  return {
    level: getEnv().LOG_LEVEL,
    base: { service: "concierge" },
    // Applied before redaction: `err` and `error` come out as {type, code, frames, cause}.
    serializers: { err: serializeError, error: serializeError },
    redact: {
      paths: [
        "body", "*.body", "password", "*.password", "passwordHash", "*.passwordHash",
        "healthTags", "*.healthTags", "authorization", "*.authorization", "cookie", "*.cookie",
        "req.headers.authorization", "req.headers.cookie", "message", "stack", "*.message", "*.stack",
      ],
      censor: "[redacted]",
    },
  };
}

/** A logger with the app's options writing to `destination` (tests). */
export function createLogger(destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(), destination) : pino(loggerOptions());
}

function get(): Logger {
  instance ??= createLogger();
  return instance;
}

type LogFn = (details: Record<string, unknown>, message: string) => void;

export const logger: { error: LogFn; warn: LogFn; info: LogFn; debug: LogFn } = {
  error: (details, message) => get().error(details, message),
  warn: (details, message) => get().warn(details, message),
  info: (details, message) => get().info(details, message),
  debug: (details, message) => get().debug(details, message),
};
