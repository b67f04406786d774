/**
 * The client address and user agent of a request, for audit rows and sign-in limits.
 *
 * `next start` appends the peer address to X-Forwarded-For itself, so its LAST entry is
 * the address Next saw. Only with TRUST_PROXY (the app sits behind our own proxy) do we
 * take the FIRST entry, the original client; otherwise a client could spoof it.
 */
import type { RequestOrigin } from "../access/actor";
import { getEnv } from "../env";

type HeaderGetter = { get(name: string): string | null };

export function originFromHeaders(headers: HeaderGetter): RequestOrigin {
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ip = (getEnv().TRUST_PROXY ? forwarded[0] : forwarded.at(-1)) ?? headers.get("x-real-ip") ?? null;
  return { ip: ip?.slice(0, 64) ?? null, userAgent: headers.get("user-agent") };
}

/** next-auth v4 hands authorize() a plain header record. */
export function originFromHeaderRecord(record: Record<string, string | string[] | undefined> | undefined): RequestOrigin {
  return originFromHeaders({
    get(name: string) {
      const value = record?.[name] ?? record?.[name.toLowerCase()];
      return Array.isArray(value) ? value.join(",") : (value ?? null);
    },
  });
}
