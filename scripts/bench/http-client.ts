/**
 * A lean HTTP/1.1 client for the benchmarks: node:http with a keep-alive agent per target
 * instance, the body read into one Buffer, no parsing unless asked. Lighter than fetch
 * (undici) per request, so the load generator leaves the cores to the servers.
 */
import http from "node:http";

export type HttpAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

export type HttpCall = {
  method?: string;
  /** Path and query, e.g. /api/v1/me */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
};

/** One keep-alive agent per instance; maxSockets bounds the connections a bench opens. */
export function keepAliveAgent(maxSockets = 64): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/** One request to http://127.0.0.1:<port>. Rejects on a network error or the time-out, never on an HTTP status. */
export function httpRequest(agent: http.Agent, port: number, call: HttpCall): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...call.headers };
    if (call.body !== undefined) headers["content-length"] = Buffer.byteLength(call.body);
    const req = http.request({ host: "127.0.0.1", port, method: call.method ?? "GET", path: call.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.setTimeout(call.timeoutMs ?? 30_000, () => req.destroy(new Error(`timed out after ${call.timeoutMs ?? 30_000} ms`)));
    req.on("error", reject);
    if (call.body !== undefined) req.write(call.body);
    req.end();
  });
}

/** The `name=value` pairs of the Set-Cookie headers of an answer. */
export function setCookies(answer: HttpAnswer): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of answer.headers["set-cookie"] ?? []) {
    const pair = line.split(";", 1)[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return cookies;
}
