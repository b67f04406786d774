/**
 * The Content-Security-Policy of HTML pages: scripts only with this response's nonce
 * ('strict-dynamic' lets Next's own bootstrap load its chunks), nothing from other origins,
 * never framed. proxy.ts sets it per request; Next adds the nonce to the scripts it renders
 * because the request carries the same header. Styles keep 'unsafe-inline': React style
 * attributes need it, and a nonce would switch it off.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
