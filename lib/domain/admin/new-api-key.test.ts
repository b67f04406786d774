import { describe, expect, it } from "vitest";
import { apiKeyPattern, hashApiKey } from "../../auth/api-key";
import { newApiKey } from "./new-api-key";

describe("newApiKey", () => {
  it("carries 32 random bytes after its prefix, and its hash is what the loader compares", () => {
    const { key, prefix, hash } = newApiKey();
    const match = apiKeyPattern.exec(key);
    expect(match?.[1]).toBe(prefix);
    expect(Buffer.from(match![2]!, "base64url")).toHaveLength(32);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("never repeats a prefix or a key", () => {
    const keys = Array.from({ length: 200 }, newApiKey);
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(200);
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
  });
});
