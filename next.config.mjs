/** @type {import('next').NextConfig} */
// No third-party origins at all. Next.js inlines small bootstrap scripts, hence
// 'unsafe-inline' for scripts until nonces are wired through proxy.ts; everything else is
// same-origin only.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
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
      // Everything but the routes that serve uploaded files…
      { source: "/:path((?!api/v1/attachments/[^/]+/(?:content|thumbnail)$).*)", headers: securityHeaders },
      // …which set a stricter CSP of their own (lib/http/attachment-response.ts: nothing may
      // load or run, sandboxed). Headers from here would replace it, so they get the rest only.
      { source: "/api/v1/attachments/:id/:variant(content|thumbnail)", headers: securityHeaders.filter((h) => h.key !== "Content-Security-Policy") },
    ];
  },
};

export default nextConfig;
