#!/usr/bin/env node
// The production server: Next.js behind a thin node:http front that fixes one thing
// `next start` cannot — who the client is.
//
// ⚠ SECURITY: `next start` keeps a client-supplied X-Forwarded-For header as it is, so any
// client could choose the address written to the audit log and dodge the per-address
// sign-in limit. Here the header is always REPLACED by one trustworthy address:
//   - TRUST_PROXY_HOPS=0 (default): the TCP peer address;
//   - TRUST_PROXY_HOPS=N: the Nth entry from the right of the incoming X-Forwarded-For,
//     which your own N proxies appended (falls back to the peer when the header is short).
// lib/auth/request-origin.ts reads that single value.
import { createServer } from "node:http";
import next from "next";
import { answerClientError, refuseConnect, refuseMalformedPath, refuseUnansweredMethod } from "./lib/http/unknown-method.mjs";

const port = Number(process.env.PORT ?? 3000);
// Not HOSTNAME: shells set that to the machine name.
const hostname = process.env.BIND_ADDRESS ?? "0.0.0.0";
const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0);
if (!Number.isInteger(hops) || hops < 0) {
  console.error("TRUST_PROXY_HOPS must be a whole number ≥ 0");
  process.exit(1);
}

function clientAddress(req) {
  const peer = req.socket.remoteAddress ?? "";
  if (hops === 0) return peer;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded.length >= hops ? forwarded[forwarded.length - hops] : peer;
}

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // ⚠ TRACE, PROPFIND and other methods no route answers: 405 problem+json, never Next's 500.
  if (refuseUnansweredMethod(req, res)) return;
  // A path with broken percent-encoding names nothing: 400 problem+json.
  if (refuseMalformedPath(req, res)) return;
  req.headers["x-forwarded-for"] = clientAddress(req);
  delete req.headers["x-real-ip"];
  // The event stream (GET /api/v1/events) must reach the client event by event: never let
  // Next's gzip buffer it (the route also sends Cache-Control: no-transform).
  if (req.url?.startsWith("/api/v1/events")) {
    delete req.headers["accept-encoding"];
    // A stream is idle between heartbeats (15 s); no socket time-out may cut it.
    req.socket.setTimeout(0);
    req.socket.setKeepAlive(true, 30_000);
  }
  void handle(req, res);
});
// Node closes an idle keep-alive connection after 5 s. A client (a load balancer, a browser, a
// test's request context) that sends on that connection just as it closes gets ECONNRESET.
// The server must outlast its clients' idle time instead: 75 s is longer than the usual load
// balancer idle timeout (60 s). headersTimeout must be longer still.
// CONNECT (never a proxy here) and requests Node cannot parse (unknown methods such as TRACK)
// get problem+json too (lib/http/unknown-method.mjs).
server.on("connect", refuseConnect);
server.on("clientError", answerClientError);
server.keepAliveTimeout = 75_000;
server.headersTimeout = 76_000;
server.listen(port, hostname, () => {
  console.log(`Concierge listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
