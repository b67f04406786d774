/**
 * Runs before every page (Next.js 16 "proxy", formerly middleware): a fresh CSP nonce per
 * request (lib/http/page-csp.ts). The nonce goes on the request too, so Next puts it on the
 * scripts it renders. API routes and static files are not matched: API answers get their own
 * strict CSP from next.config.mjs, static files need none.
 */
import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "./lib/http/page-csp";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageContentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)",
      // Prefetches are not rendered as documents; they need no nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
