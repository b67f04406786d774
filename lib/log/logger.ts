/**
 * Structured logs (pino). ⚠ Never log PHI: message bodies, file contents, health tags,
 * names alongside health data. The redaction list is a safety net, not a licence.
 */
import pino from "pino";
import { getEnv } from "../env";

export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { service: "concierge" },
  redact: {
    paths: [
      "body", "*.body", "password", "*.password", "passwordHash", "*.passwordHash",
      "healthTags", "*.healthTags", "authorization", "*.authorization", "cookie", "*.cookie",
      "req.headers.authorization", "req.headers.cookie",
    ],
    censor: "[redacted]",
  },
});
