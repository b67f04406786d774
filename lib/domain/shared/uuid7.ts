/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Generated in the
 * app (as the schema's default would) so that the rows of one batch transaction can refer
 * to each other before they exist.
 *
 * Monotonic within this process: ids made in the same millisecond count up in the 12-bit
 * `rand_a` field (RFC 9562 §6.2, method 1), so rows written together — a ticket's CREATED
 * and FOLLOW_UP_OPENED events — keep their order when sorted by id.
 */
import { randomBytes } from "node:crypto";

let lastMs = -1;
let sequence = 0;

export function uuid7(now: number = Date.now()): string {
  let ms = Math.max(0, Math.floor(now));
  if (ms <= lastMs) {
    ms = lastMs;
    sequence += 1;
    if (sequence > 0xfff) {
      // 4,096 ids in one millisecond: borrow the next millisecond rather than repeat.
      ms += 1;
      sequence = 0;
    }
  } else {
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff; // random start, room to count up
  }
  lastMs = ms;

  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
