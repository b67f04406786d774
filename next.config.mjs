/** @type {import('next').NextConfig} */
// Headers on every response. The Content-Security-Policy is set elsewhere: pages get a
// per-request nonce policy from proxy.ts (lib/http/page-csp.ts), API answers the strict
// one below, and the routes that serve uploaded files their own (lib/http/attachment-response.ts).
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const securityHeaders = [
  // Ignored by browsers over plain http (demo), enforced once served over https.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Packages that load WASM, native binaries or data files relative to themselves must not
  // be bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "pg",
    "pino",
    "clamscan",
    "@aws-sdk/client-s3",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // API answers, except the file routes: a header from here would replace their own CSP.
      {
        source: "/api/:path((?!v1/attachments/[^/]+/(?:content|thumbnail)$).*)",
        headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }],
      },
    ];
  },
};

export default nextConfig;
