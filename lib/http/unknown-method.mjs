// ⚠ SECURITY: the answer to HTTP methods no route answers (TRACE, CONNECT, TRACK, PROPFIND,
// garbage). Without this, Next.js answered TRACE with a plain-text 500, and Node's parser
// answered a method it does not know with a bare 400. Every such request now gets a
// problem+json answer (docs/security.md "Input hygiene"):
//   - a method Node parses but no route answers: 405 with an Allow header;
//   - CONNECT (Node hands it to the "connect" event, never to the request handler): 405;
//   - a request Node cannot parse (an unknown method such as TRACK, a malformed request
//     line or header): 400, or 431 for headers too large; the connection is then closed.
//   - a path with broken percent-encoding: 400.
// Plain JavaScript: server.mjs imports it before Next.js is loaded.

/** What Next.js route handlers and pages answer; anything else never reaches Next. */
export const answeredMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
export const allowHeader = answeredMethods.join(", ");

const titles = { 400: "Bad request", 405: "Method not allowed", 431: "Request header fields too large" };

/** The problem+json body (RFC 9457) of a transport-level refusal. */
export function problemBody(status, detail, code) {
  return JSON.stringify({ type: "about:blank", title: titles[status] ?? "Error", status, detail, code });
}

function methodNotAllowedDetail() {
  return `This method is not supported. Use one of: ${allowHeader}.`;
}

/** For the request handler: answers and returns true when no route answers the method. */
export function refuseUnansweredMethod(req, res) {
  if (answeredMethods.includes(req.method ?? "")) return false;
  const body = problemBody(405, methodNotAllowedDetail(), "METHOD_NOT_ALLOWED");
  res.writeHead(405, {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    allow: allowHeader,
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

function rawResponse(status, reason, body, extraHeaders = "") {
  return (
    `HTTP/1.1 ${status} ${reason}\r\n` +
    "content-type: application/problem+json\r\n" +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    "cache-control: no-store\r\n" +
    "x-content-type-options: nosniff\r\n" +
    extraHeaders +
    "connection: close\r\n\r\n" +
    body
  );
}

/**
 * For the request handler: a path whose percent-encoding is not valid UTF-8 (`%E0%A4%A`,
 * `%ED%A0%80`) cannot name anything here; answered 400 problem+json before Next.js, which
 * would fail on it in its own way.
 */
export function refuseMalformedPath(req, res) {
  const path = (req.url ?? "/").split("?")[0];
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const body = problemBody(400, "The request path is not valid (bad percent-encoding).", "BAD_REQUEST");
    res.writeHead(400, {
      "content-type": "application/problem+json",
      "content-length": Buffer.byteLength(body),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }
}

/** For the server's "connect" event: CONNECT is never a proxy here. */
export function refuseConnect(_req, socket) {
  const body = problemBody(405, methodNotAllowedDetail(), "METHOD_NOT_ALLOWED");
  socket.end(rawResponse(405, "Method Not Allowed", body, `allow: ${allowHeader}\r\n`));
}

/** For the server's "clientError" event: a request Node could not parse. */
export function answerClientError(error, socket) {
  if (!socket.writable || error?.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const tooLarge = error?.code === "HPE_HEADER_OVERFLOW";
  const badMethod = error?.code === "HPE_INVALID_METHOD";
  const body = tooLarge
    ? problemBody(431, "The request headers are too large.", "HEADERS_TOO_LARGE")
    : problemBody(400, badMethod ? `This method is not supported. Use one of: ${allowHeader}.` : "The request could not be read.", badMethod ? "METHOD_NOT_ALLOWED" : "BAD_REQUEST");
  socket.end(tooLarge ? rawResponse(431, "Request Header Fields Too Large", body) : rawResponse(400, "Bad Request", body, badMethod ? `allow: ${allowHeader}\r\n` : ""));
}
