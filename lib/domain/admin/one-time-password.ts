/**
 * ⚠ SECURITY: initial passwords an administrator hands over once (new staff accounts,
 * password resets). Only the argon2id hash is stored; the clear text is returned to the
 * admin's screen a single time and never logged or audited.
 *
 * 20 characters from a 55-symbol alphabet without look-alikes (0/o/O, 1/i/l/I) ≈ 115 bits,
 * grouped in fives so it can be read out or typed without mistakes. `randomInt` draws
 * without modulo bias.
 */
import { randomInt } from "node:crypto";

const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const groups = 4;
const groupLength = 5;

export function generateOneTimePassword(): string {
  return Array.from({ length: groups }, () => Array.from({ length: groupLength }, () => alphabet[randomInt(alphabet.length)]).join("")).join("-");
}
