/**
 * Methods no route answers, against a real node:http server wired as server.mjs wires it.
 * Before: TRACE reached Next.js and answered a plain-text 500; TRACK got Node's bare 400.
 */
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowHeader, answerClientError, refuseConnect, refuseMalformedPath, refuseUnansweredMethod } from "./unknown-method.mjs";

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (refuseUnansweredMethod(req, res)) return;
    if (refuseMalformedPath(req, res)) return;
    res.writeHead(200, { "content-type": "text/plain" }).end("routed");
  });
  server.on("connect", refuseConnect);
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Sends raw bytes and reads the whole answer (the server closes or answers one request). */
function raw(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      data += chunk;
      const end = data.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(data.slice(0, end))?.[1] ?? -1);
      if (length >= 0 && data.length - end - 4 >= length) socket.end();
    });
    socket.on("end", () => {
      const end = data.indexOf("\r\n\r\n");
      const [statusLine, ...headerLines] = data.slice(0, end).split("\r\n");
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine?.split(" ")[1]), headers, body: data.slice(end + 4) });
    });
    socket.on("error", reject);
    socket.write(request);
  });
}

describe("methods no route answers", () => {
  for (const method of ["TRACE", "PROPFIND", "PURGE", "M-SEARCH", "LINK"]) {
    it(`${method} is a 405 problem+json with Allow`, async () => {
      const r = await raw(`${method} /api/v1/threads HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(r.status).toBe(405);
      expect(r.headers["content-type"]).toBe("application/problem+json");
      expect(r.headers.allow).toBe(allowHeader);
      expect(JSON.parse(r.body)).toMatchObject({ status: 405, code: "METHOD_NOT_ALLOWED" });
    });
  }

  it("CONNECT is a 405 problem+json, never a tunnel", async () => {
    const r = await raw("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    expect(r.status).toBe(405);
    expect(r.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(r.body)).toMatchObject({ status: 405 });
  });

  for (const method of ["TRACK", "FOO", "G3T"]) {
    it(`an unknown method (${method}) is a 400 problem+json`, async () => {
      const r = await raw(`${method} /api/v1/threads HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(r.status).toBe(400);
      expect(r.headers["content-type"]).toBe("application/problem+json");
      expect(JSON.parse(r.body)).toMatchObject({ status: 400, code: "METHOD_NOT_ALLOWED" });
    });
  }

  it("a request line that is garbage is a 400 problem+json", async () => {
    const r = await raw("\u0001\u0002 garbage\r\n\r\n");
    expect(r.status).toBe(400);
    expect(r.headers["content-type"]).toBe("application/problem+json");
  });

  it("a path with broken percent-encoding is a 400 problem+json", async () => {
    for (const path of ["/api/v1/threads/%E0%A4%A/messages", "/api/v1/threads/%ED%A0%80", "/%"]) {
      const r = await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(r.status, path).toBe(400);
      expect(r.headers["content-type"]).toBe("application/problem+json");
    }
    const ok = await raw("GET /api/v1/threads/%00/messages?q=%E0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(ok.status).toBe(200);
  });

  it("answered methods reach the app", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const r = await raw(`${method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(r.status, method).toBe(200);
    }
  });
});
