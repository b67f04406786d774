/**
 * Errors of document storage. Neither message carries the key's document contents or any
 * PHI; the key itself is random and kept as a property for logs.
 */
import { AppError } from "../errors";

/** The object does not exist (never stored, or deleted). An AppError: answers 404. */
export class DocumentNotFoundError extends AppError {
  readonly key: string;

  constructor(key: string) {
    super("NOT_FOUND");
    this.name = "DocumentNotFoundError";
    this.key = key;
  }
}

/**
 * The stored bytes are not what was written: a failed authentication tag (tampering,
 * corruption, the wrong encryption key) or a checksum mismatch. Deliberately NOT an
 * AppError, so it is logged and investigated like a bug; no bytes are ever returned.
 */
export class DocumentIntegrityError extends Error {
  readonly key: string | undefined;

  constructor(message: string, key?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DocumentIntegrityError";
    this.key = key;
  }
}

export function isDocumentNotFound(error: unknown): error is DocumentNotFoundError {
  return error instanceof DocumentNotFoundError;
}
