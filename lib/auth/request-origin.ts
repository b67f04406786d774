/**
 * The client address and user agent of a request, for audit rows and sign-in limits.
 *
 * ⚠ SECURITY: the address comes from X-Forwarded-For, which server.mjs (`npm start`,
 * `npm run demo`) always REPLACES with one trustworthy value: the TCP peer, or the entry
 * that the operator's own proxies appended (TRUST_PROXY_HOPS). Running `next start`
 * directly would let clients choose this value; don't.
 */
import type { RequestOrigin } from "../access/actor";

type HeaderGetter = { get(name: string): string | null };

export function originFromHeaders(headers: HeaderGetter): RequestOrigin {
  const value = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  return { ip: value?.slice(0, 64) ?? null, userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
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
